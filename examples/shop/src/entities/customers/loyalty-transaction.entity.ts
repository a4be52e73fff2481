import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { LoyaltyAccount, Order } from '../index';

@Entity()
@Index(['account', 'createdAt'])
export class LoyaltyTransaction extends SerialEntity {
  @ManyToOne(() => LoyaltyAccount, (account) => account.transactions, { onDelete: 'CASCADE', nullable: false })
  account!: LoyaltyAccount;

  @Column('int')
  delta!: number;

  @Column({ length: 120 })
  reason!: string;

  @ManyToOne(() => Order, { onDelete: 'SET NULL', nullable: true })
  order!: Order | null;
}
