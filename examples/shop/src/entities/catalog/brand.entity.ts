import { Column, Entity, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Product } from './product.entity';

@Entity()
export class Brand extends SerialEntity {
  @Column({ length: 80, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  website!: string | null;

  @OneToMany(() => Product, (product) => product.brand)
  products!: Product[];
}
