import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Coupon } from './coupon.entity';
import { Order } from './order.entity';

/** A coupon used on an order: at most once per order. */
@Entity()
export class CouponRedemption {
  @PrimaryColumn()
  couponId!: number;

  @PrimaryColumn()
  orderId!: number;

  @ManyToOne(() => Coupon, (coupon) => coupon.redemptions, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coupon_id' })
  coupon!: Coupon;

  @ManyToOne(() => Order, (order) => order.couponRedemptions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order!: Order;

  @Column('decimal', { precision: 12, scale: 2 })
  amount!: string;

  @CreateDateColumn()
  redeemedAt!: Date;
}
