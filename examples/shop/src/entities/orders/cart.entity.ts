import { Column, Entity, JoinColumn, OneToMany, OneToOne } from 'typeorm';
import { UuidEntity } from '../common/base.entity';
import { Customer } from '../customers/customer.entity';
import { CartItem } from './cart-item.entity';

/** A guest's or a customer's basket. */
@Entity()
export class Cart extends UuidEntity {
  @OneToOne(() => Customer, (customer) => customer.cart, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn()
  customer!: Customer | null;

  @Column({ length: 64, unique: true })
  sessionToken!: string;

  @Column()
  expiresAt!: Date;

  @OneToMany(() => CartItem, (item) => item.cart, { cascade: true })
  items!: CartItem[];
}
