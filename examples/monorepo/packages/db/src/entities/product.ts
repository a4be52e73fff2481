import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '@acme/db/entities/category';

@Entity()
export class Product {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  sku: string;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ type: 'integer' })
  priceCents: number;

  @ManyToOne(() => Category, (category) => category.products, { nullable: true, onDelete: 'SET NULL' })
  category: Category | null;
}
