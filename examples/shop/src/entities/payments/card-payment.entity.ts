import { ChildEntity, Column } from 'typeorm';
import { Payment } from './payment.entity';

@ChildEntity('card')
export class CardPayment extends Payment {
  @Column({ type: 'varchar', length: 20, nullable: true })
  cardBrand!: string | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  cardLast4!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  authorizationCode!: string | null;
}
