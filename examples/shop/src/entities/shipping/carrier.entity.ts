import { Column, Entity, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Shipment } from '../index';

@Entity()
export class Carrier extends SerialEntity {
  @Column({ length: 20, unique: true })
  code!: string;

  @Column({ length: 80 })
  name!: string;

  /** e.g. https://track.example/{trackingNumber} */
  @Column({ type: 'varchar', length: 300, nullable: true })
  trackingUrlTemplate!: string | null;

  @OneToMany(() => Shipment, (shipment) => shipment.carrier)
  shipments!: Shipment[];
}
