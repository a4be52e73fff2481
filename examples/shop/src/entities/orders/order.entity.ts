import { Column, Entity, Index, ManyToOne, OneToMany, OneToOne, VersionColumn } from 'typeorm';
import { isMariaDb } from '../../config/env';
import { Address } from '../common/address.embedded';
import { SerialEntity } from '../common/base.entity';
import { DATETIME, ENUM } from '../common/column-types';
import { OrderStatus } from '../common/enums';
import { Customer } from '../customers/customer.entity';
import { Payment } from '../payments/payment.entity';
import { Shipment } from '../shipping/shipment.entity';
import { CouponRedemption } from './coupon-redemption.entity';
import { Invoice } from './invoice.entity';
import { OrderItem } from './order-item.entity';
import { OrderStatusChange } from './order-status-change.entity';

// "order" is a reserved word everywhere: the table is "orders".
@Entity('orders')
@Index(['customer', 'placedAt'])
// The fulfilment screen lists open orders only.
@Index('idx_orders_open', ['placedAt'], { where: isMariaDb ? undefined : "status = 'pending'" })
export class Order extends SerialEntity {
  @Column({ length: 20, unique: true })
  number!: string;

  @ManyToOne(() => Customer, (customer) => customer.orders, { onDelete: 'RESTRICT', nullable: false })
  customer!: Customer;

  @Column({ type: ENUM, enum: OrderStatus, default: OrderStatus.Pending })
  status!: OrderStatus;

  @Column(() => Address, { prefix: 'ship_to' })
  shippingAddress!: Address;

  @Column('decimal', { precision: 12, scale: 2, default: 0 })
  subtotal!: string;

  @Column('decimal', { precision: 12, scale: 2, default: 0 })
  total!: string;

  @Column({ length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: DATETIME, nullable: true })
  placedAt!: Date | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @VersionColumn()
  version!: number;

  @OneToMany(() => OrderItem, (item) => item.order, { cascade: true })
  items!: OrderItem[];

  @OneToMany(() => Payment, (payment) => payment.order)
  payments!: Payment[];

  @OneToMany(() => Shipment, (shipment) => shipment.order)
  shipments!: Shipment[];

  @OneToMany(() => OrderStatusChange, (change) => change.order)
  statusHistory!: OrderStatusChange[];

  @OneToMany(() => CouponRedemption, (redemption) => redemption.order)
  couponRedemptions!: CouponRedemption[];

  @OneToOne(() => Invoice, (invoice) => invoice.order)
  invoice!: Invoice | null;
}
