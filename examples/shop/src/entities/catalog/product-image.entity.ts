import { Column, Entity, ManyToOne, Unique } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Product } from './product.entity';

@Entity()
@Unique('uq_product_image_position', ['product', 'position'])
export class ProductImage extends SerialEntity {
  @ManyToOne(() => Product, (product) => product.images, { onDelete: 'CASCADE', nullable: false })
  product!: Product;

  @Column({ length: 500 })
  url!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  altText!: string | null;

  @Column({ type: 'int', default: 0 })
  position!: number;
}
