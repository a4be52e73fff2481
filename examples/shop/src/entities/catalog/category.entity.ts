import { Column, Entity, OneToMany, Tree, TreeChildren, TreeParent } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Product } from './product.entity';

/** The catalog tree (closure table: fast "everything under Shoes"). */
@Entity()
@Tree('closure-table')
export class Category extends SerialEntity {
  @Column({ length: 80 })
  name!: string;

  @Column({ length: 100, unique: true })
  slug!: string;

  @TreeParent({ onDelete: 'CASCADE' })
  parent!: Category | null;

  @TreeChildren()
  children!: Category[];

  @OneToMany(() => Product, (product) => product.category)
  products!: Product[];
}
