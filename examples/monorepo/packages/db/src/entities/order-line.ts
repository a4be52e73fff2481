import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from '@acme/db/entities/order';
import { Product } from '@acme/db/entities/product';

@Entity()
export class OrderLine {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => Order, (order) => order.lines, { nullable: false, onDelete: 'CASCADE' })
  order: Order;

  @ManyToOne(() => Product, { nullable: false })
  product: Product;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer' })
  unitPriceCents: number;
}
