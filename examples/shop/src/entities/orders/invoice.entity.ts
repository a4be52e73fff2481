import { Column, Entity, JoinColumn, OneToOne } from 'typeorm';
import { UuidEntity } from '../common/base.entity';
import { Order } from './order.entity';

@Entity()
export class Invoice extends UuidEntity {
  @OneToOne(() => Order, (order) => order.invoice, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  order!: Order;

  @Column({ length: 24, unique: true })
  number!: string;

  @Column()
  issuedAt!: Date;

  @Column('decimal', { precision: 12, scale: 2 })
  total!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  pdfUrl!: string | null;
}
