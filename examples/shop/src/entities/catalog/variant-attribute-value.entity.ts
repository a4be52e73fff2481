import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AttributeValue } from './attribute-value.entity';
import { ProductVariant } from './product-variant.entity';

/** "This variant is size M": a composite key over both sides. */
@Entity()
export class VariantAttributeValue {
  @PrimaryColumn()
  variantId!: number;

  @PrimaryColumn()
  attributeValueId!: number;

  @ManyToOne(() => ProductVariant, (variant) => variant.attributeValues, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variant_id' })
  variant!: ProductVariant;

  @ManyToOne(() => AttributeValue, (value) => value.variants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attribute_value_id' })
  attributeValue!: AttributeValue;
}
