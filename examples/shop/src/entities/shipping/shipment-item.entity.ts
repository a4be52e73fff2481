import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrderItem, Shipment } from '../index';

/** How many of an order line went into a parcel. */
@Entity()
@Check('chk_shipment_item_quantity', 'quantity > 0')
export class ShipmentItem {
  @PrimaryColumn()
  shipmentId!: number;

  @PrimaryColumn()
  orderItemId!: number;

  @ManyToOne(() => Shipment, (shipment) => shipment.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shipment_id' })
  shipment!: Shipment;

  @ManyToOne(() => OrderItem, (item) => item.shipmentItems, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_item_id' })
  orderItem!: OrderItem;

  @Column('int')
  quantity!: number;
}
