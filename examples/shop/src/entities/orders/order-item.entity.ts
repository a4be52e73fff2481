import { Check, Column, Entity, ManyToOne, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { ProductVariant, ShipmentItem } from '../index';
import { Order } from './order.entity';

@Entity()
@Check('chk_order_item_quantity', 'quantity > 0')
export class OrderItem extends SerialEntity {
  @ManyToOne(() => Order, (order) => order.items, { onDelete: 'CASCADE', nullable: false })
  order!: Order;

  @ManyToOne(() => ProductVariant, (variant) => variant.orderItems, { onDelete: 'RESTRICT', nullable: false })
  variant!: ProductVariant;

  /** The product name when the order was placed. */
  @Column({ length: 120 })
  productName!: string;

  @Column('int')
  quantity!: number;

  @Column('decimal', { precision: 12, scale: 2 })
  unitPrice!: string;

  @Column('decimal', { precision: 12, scale: 2, default: 0 })
  discount!: string;

  @OneToMany(() => ShipmentItem, (item) => item.orderItem)
  shipmentItems!: ShipmentItem[];
}
