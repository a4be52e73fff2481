import { Column, Entity, JoinColumn, OneToMany, OneToOne } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Customer } from './customer.entity';
import { WishlistItem } from './wishlist-item.entity';

@Entity()
export class Wishlist extends SerialEntity {
  @OneToOne(() => Customer, (customer) => customer.wishlist, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  customer!: Customer;

  @Column({ length: 80, default: 'My wishlist' })
  name!: string;

  @Column({ default: false })
  isPublic!: boolean;

  @OneToMany(() => WishlistItem, (item) => item.wishlist)
  items!: WishlistItem[];
}
