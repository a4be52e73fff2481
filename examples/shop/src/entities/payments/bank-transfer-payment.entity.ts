import { ChildEntity, Column } from 'typeorm';
import { Payment } from './payment.entity';

@ChildEntity('bank_transfer')
export class BankTransferPayment extends Payment {
  @Column({ type: 'varchar', length: 34, nullable: true })
  iban!: string | null;

  @Column({ type: 'varchar', length: 140, nullable: true })
  transferReference!: string | null;
}
