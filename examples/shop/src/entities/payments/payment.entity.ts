import { Column, Entity, Index, ManyToOne, OneToMany, TableInheritance } from 'typeorm';
import { UuidEntity } from '../common/base.entity';
import { DATETIME, ENUM } from '../common/column-types';
import { PaymentStatus } from '../common/enums';
import { Money } from '../common/money.embedded';
import { Order } from '../orders/order.entity';
import { Refund } from './refund.entity';

/** Every payment method in one table; `method` says which (single-table inheritance). */
@Entity()
@TableInheritance({ column: { type: 'varchar', name: 'method', length: 20 } })
@Index(['order', 'status'])
export class Payment extends UuidEntity {
  @ManyToOne(() => Order, (order) => order.payments, { onDelete: 'RESTRICT', nullable: false })
  order!: Order;

  @Column(() => Money)
  amount!: Money;

  @Column({ type: ENUM, enum: PaymentStatus, default: PaymentStatus.Authorized })
  status!: PaymentStatus;

  @Column({ type: DATETIME, nullable: true })
  capturedAt!: Date | null;

  @OneToMany(() => Refund, (refund) => refund.payment)
  refunds!: Refund[];
}
