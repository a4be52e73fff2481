import { Column, Entity, OneToMany, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent } from 'typeorm';
import { TaxRate } from './tax-rate.entity';

/** World › Europe › Germany: a materialized path tree. */
@Entity()
@Tree('materialized-path')
export class ShippingZone {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 20, unique: true })
  code!: string;

  @Column({ length: 80 })
  name!: string;

  @TreeParent()
  parent!: ShippingZone | null;

  @TreeChildren()
  children!: ShippingZone[];

  @OneToMany(() => TaxRate, (rate) => rate.zone)
  taxRates!: TaxRate[];
}
