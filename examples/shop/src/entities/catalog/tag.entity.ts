import { Column, Entity, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Product } from './product.entity';

@Entity()
export class Tag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 40, unique: true })
  name!: string;

  @ManyToMany(() => Product, (product) => product.tags)
  products!: Product[];
}
