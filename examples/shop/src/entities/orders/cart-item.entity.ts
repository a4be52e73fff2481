import { Check, Column, Entity, ManyToOne, Unique } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { ProductVariant } from '../catalog/product-variant.entity';
import { Cart } from './cart.entity';

@Entity()
@Unique(['cart', 'variant'])
@Check('chk_cart_item_quantity', 'quantity > 0')
export class CartItem extends SerialEntity {
  @ManyToOne(() => Cart, (cart) => cart.items, { onDelete: 'CASCADE', nullable: false })
  cart!: Cart;

  @ManyToOne(() => ProductVariant, { onDelete: 'CASCADE', nullable: false })
  variant!: ProductVariant;

  @Column('int', { default: 1 })
  quantity!: number;
}
