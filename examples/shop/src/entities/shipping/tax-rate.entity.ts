import { Check, Column, Entity, Index, ManyToOne } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { ShippingZone } from './shipping-zone.entity';

@Entity()
@Index(['zone', 'name'], { unique: true })
@Check('chk_tax_rate_rate', 'rate >= 0 AND rate < 1')
export class TaxRate extends SerialEntity {
  @ManyToOne(() => ShippingZone, (zone) => zone.taxRates, { onDelete: 'CASCADE', nullable: false })
  zone!: ShippingZone;

  @Column({ length: 60 })
  name!: string;

  @Column('decimal', { precision: 6, scale: 4 })
  rate!: string;
}
