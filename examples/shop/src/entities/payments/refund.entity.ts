import { Check, Column, Entity, ManyToOne } from 'typeorm';
import { UuidEntity } from '../common/base.entity';
import { Payment } from './payment.entity';

@Entity()
@Check('chk_refund_amount', 'amount > 0')
export class Refund extends UuidEntity {
  @ManyToOne(() => Payment, (payment) => payment.refunds, { onDelete: 'RESTRICT', nullable: false })
  payment!: Payment;

  @Column('decimal', { precision: 12, scale: 2 })
  amount!: string;

  @Column('text')
  reason!: string;

  @Column()
  refundedAt!: Date;
}
