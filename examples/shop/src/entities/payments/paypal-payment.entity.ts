import { ChildEntity, Column } from 'typeorm';
import { Payment } from './payment.entity';

@ChildEntity('paypal')
export class PaypalPayment extends Payment {
  @Column({ type: 'varchar', length: 254, nullable: true })
  payerEmail!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  paypalTransactionId!: string | null;
}
