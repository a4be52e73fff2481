import { Column, Entity, ManyToOne, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { OrderItem, StockLevel } from '../index';
import { Product } from './product.entity';
import { VariantAttributeValue } from './variant-attribute-value.entity';

/** A sellable size/colour of a product. */
@Entity()
export class ProductVariant extends SerialEntity {
  @ManyToOne(() => Product, (product) => product.variants, { onDelete: 'CASCADE', nullable: false })
  product!: Product;

  @Column({ length: 40, unique: true })
  sku!: string;

  @Column({ length: 120 })
  title!: string;

  @Column('decimal', { precision: 12, scale: 2, nullable: true })
  priceOverride!: string | null;

  @Column('int', { nullable: true })
  weightGrams!: number | null;

  @Column({ default: true })
  isActive!: boolean;

  @OneToMany(() => VariantAttributeValue, (value) => value.variant)
  attributeValues!: VariantAttributeValue[];

  @OneToMany(() => StockLevel, (level) => level.variant)
  stockLevels!: StockLevel[];

  @OneToMany(() => OrderItem, (item) => item.variant)
  orderItems!: OrderItem[];
}
