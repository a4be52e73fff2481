import { Column, Entity, Index, ManyToOne, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Attribute } from './attribute.entity';
import { VariantAttributeValue } from './variant-attribute-value.entity';

@Entity()
@Index(['attribute', 'value'], { unique: true })
export class AttributeValue extends SerialEntity {
  @ManyToOne(() => Attribute, (attribute) => attribute.values, { onDelete: 'CASCADE', nullable: false })
  attribute!: Attribute;

  @Column({ length: 80 })
  value!: string;

  @OneToMany(() => VariantAttributeValue, (link) => link.attributeValue)
  variants!: VariantAttributeValue[];
}
