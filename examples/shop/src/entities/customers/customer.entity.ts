import { Column, Entity, Index, ManyToMany, OneToMany, OneToOne } from 'typeorm';
import { isMariaDb, isPostgres } from '../../config/env';
import { Address } from '../common/address.embedded';
import { SoftDeletableUuidEntity } from '../common/base.entity';
import { ENUM } from '../common/column-types';
import { CustomerStatus, CustomerTag } from '../common/enums';
import { Order } from '../orders/order.entity';
import { Cart } from '../orders/cart.entity';
import { Review } from '../catalog/review.entity';
import { CustomerAddress } from './customer-address.entity';
import { CustomerGroup } from './customer-group.entity';
import { LoyaltyAccount } from './loyalty-account.entity';
import { Wishlist } from './wishlist.entity';

@Entity()
// A soft-deleted customer frees the e-mail for a new account (MariaDB has no partial indexes).
@Index('uq_customer_email_live', ['email'], { unique: true, where: isMariaDb ? undefined : 'deleted_at IS NULL' })
@Index(['lastName', 'firstName'])
export class Customer extends SoftDeletableUuidEntity {
  @Column({ length: 254 })
  email!: string;

  @Column({ length: 80 })
  firstName!: string;

  @Column({ length: 80 })
  lastName!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: ENUM, enum: CustomerStatus, default: CustomerStatus.Active })
  status!: CustomerStatus;

  // PostgreSQL keeps the tags in an enum array; elsewhere a comma-separated list.
  @Column(isPostgres ? { type: 'enum', enum: CustomerTag, array: true, default: '{}' } : { type: 'simple-array', nullable: true })
  tags!: CustomerTag[];

  @Column({ default: false })
  marketingOptIn!: boolean;

  @Column(() => Address, { prefix: 'billing' })
  billingAddress!: Address;

  @OneToMany(() => Order, (order) => order.customer)
  orders!: Order[];

  @OneToMany(() => CustomerAddress, (address) => address.customer)
  addresses!: CustomerAddress[];

  @OneToMany(() => Review, (review) => review.customer)
  reviews!: Review[];

  @ManyToMany(() => CustomerGroup, (group) => group.customers)
  groups!: CustomerGroup[];

  @OneToOne(() => LoyaltyAccount, (account) => account.customer)
  loyaltyAccount!: LoyaltyAccount | null;

  @OneToOne(() => Wishlist, (wishlist) => wishlist.customer)
  wishlist!: Wishlist | null;

  @OneToOne(() => Cart, (cart) => cart.customer)
  cart!: Cart | null;
}
