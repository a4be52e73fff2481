import { Check, Column, Entity, Index, JoinTable, ManyToMany, ManyToOne, OneToMany } from 'typeorm';
import { SoftDeletableSerialEntity } from '../common/base.entity';
import { ENUM } from '../common/column-types';
import { ProductStatus } from '../common/enums';
import { Money } from '../common/money.embedded';
import { WishlistItem } from '../customers/wishlist-item.entity';
import { Promotion } from '../orders/promotion.entity';
import { Brand } from './brand.entity';
import { Category } from './category.entity';
import { ProductImage } from './product-image.entity';
import { ProductVariant } from './product-variant.entity';
import { Review } from './review.entity';
import { Tag } from './tag.entity';

@Entity()
@Index(['status', 'category'])
@Check('chk_product_price', 'price_amount >= 0')
export class Product extends SoftDeletableSerialEntity {
  @Column({ length: 40, unique: true })
  sku!: string;

  @Column({ length: 120 })
  name!: string;

  @Column({ length: 140, unique: true })
  slug!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column({ type: ENUM, enum: ProductStatus, default: ProductStatus.Draft })
  status!: ProductStatus;

  @Column(() => Money)
  price!: Money;

  @ManyToOne(() => Brand, (brand) => brand.products, { onDelete: 'SET NULL', nullable: true })
  brand!: Brand | null;

  @ManyToOne(() => Category, (category) => category.products, { onDelete: 'RESTRICT', nullable: false })
  category!: Category;

  @OneToMany(() => ProductVariant, (variant) => variant.product, { cascade: ['insert'] })
  variants!: ProductVariant[];

  @OneToMany(() => ProductImage, (image) => image.product)
  images!: ProductImage[];

  @ManyToMany(() => Tag, (tag) => tag.products)
  @JoinTable({
    name: 'product_tag',
    joinColumn: { name: 'product_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'tag_id', referencedColumnName: 'id' },
  })
  tags!: Tag[];

  @OneToMany(() => Review, (review) => review.product)
  reviews!: Review[];

  @OneToMany(() => WishlistItem, (item) => item.product)
  wishlistedBy!: WishlistItem[];

  @ManyToMany(() => Promotion, (promotion) => promotion.products)
  promotions!: Promotion[];
}
