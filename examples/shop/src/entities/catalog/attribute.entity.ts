import { Column, Entity, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { AttributeValue } from './attribute-value.entity';

/** Size, colour, material, … */
@Entity()
export class Attribute extends SerialEntity {
  @Column({ length: 40, unique: true })
  code!: string;

  @Column({ length: 80 })
  name!: string;

  @OneToMany(() => AttributeValue, (value) => value.attribute)
  values!: AttributeValue[];
}
