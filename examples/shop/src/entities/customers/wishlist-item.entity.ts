import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from '../catalog/product.entity';
import { Wishlist } from './wishlist.entity';

/** One product on one wishlist: the key is the pair. */
@Entity()
export class WishlistItem {
  @PrimaryColumn()
  wishlistId!: number;

  @PrimaryColumn()
  productId!: number;

  @ManyToOne(() => Wishlist, (wishlist) => wishlist.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'wishlist_id' })
  wishlist!: Wishlist;

  @ManyToOne(() => Product, (product) => product.wishlistedBy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product!: Product;

  @CreateDateColumn()
  addedAt!: Date;
}
