import { Column, Entity, ManyToOne, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { DATETIME, ENUM } from '../common/column-types';
import { ShipmentStatus } from '../common/enums';
import { Carrier, Order, ShipmentItem, Warehouse } from '../index';

@Entity()
export class Shipment extends SerialEntity {
  @ManyToOne(() => Order, (order) => order.shipments, { onDelete: 'CASCADE', nullable: false })
  order!: Order;

  @ManyToOne(() => Carrier, (carrier) => carrier.shipments, { onDelete: 'RESTRICT', nullable: false })
  carrier!: Carrier;

  /** Where it ships from: a table in another schema on PostgreSQL. */
  @ManyToOne(() => Warehouse, (warehouse) => warehouse.shipments, { onDelete: 'RESTRICT', nullable: false })
  warehouse!: Warehouse;

  @Column({ type: ENUM, enum: ShipmentStatus, default: ShipmentStatus.Preparing })
  status!: ShipmentStatus;

  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  trackingNumber!: string | null;

  @Column({ type: DATETIME, nullable: true })
  shippedAt!: Date | null;

  @Column({ type: DATETIME, nullable: true })
  deliveredAt!: Date | null;

  @OneToMany(() => ShipmentItem, (item) => item.shipment, { cascade: true })
  items!: ShipmentItem[];
}
