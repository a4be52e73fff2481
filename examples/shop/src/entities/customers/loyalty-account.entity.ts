import { Check, Column, Entity, JoinColumn, OneToMany, OneToOne } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Customer, LoyaltyTransaction } from '../index';

@Entity()
@Check('chk_loyalty_account_points', 'points >= 0')
export class LoyaltyAccount extends SerialEntity {
  @OneToOne(() => Customer, (customer) => customer.loyaltyAccount, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  customer!: Customer;

  @Column({ default: 0 })
  points!: number;

  @Column({ length: 20, default: 'bronze' })
  tier!: string;

  @OneToMany(() => LoyaltyTransaction, (transaction) => transaction.account)
  transactions!: LoyaltyTransaction[];
}
