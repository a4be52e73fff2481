import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ENUM } from '../common/column-types';
import { OrderStatus } from '../common/enums';
import { StaffUser } from '../staff/staff-user.entity';
import { Order } from './order.entity';

/** The order's status timeline; append-only. */
@Entity()
export class OrderStatusChange {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Order, (order) => order.statusHistory, { onDelete: 'CASCADE', nullable: false })
  order!: Order;

  @Column({ type: ENUM, enum: OrderStatus, enumName: 'order_status', nullable: true })
  fromStatus!: OrderStatus | null;

  @Column({ type: ENUM, enum: OrderStatus, enumName: 'order_status' })
  toStatus!: OrderStatus;

  @ManyToOne(() => StaffUser, (staff) => staff.statusChanges, { onDelete: 'SET NULL', nullable: true })
  changedBy!: StaffUser | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @CreateDateColumn()
  changedAt!: Date;
}
