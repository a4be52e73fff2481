import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity';
import { Review } from './review.entity';

/** "Was this review helpful?", once per customer and review. */
@Entity()
export class ReviewVote {
  @PrimaryColumn()
  reviewId!: number;

  @PrimaryColumn('uuid')
  customerId!: string;

  @ManyToOne(() => Review, (review) => review.votes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review!: Review;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer!: Customer;

  @Column()
  helpful!: boolean;
}
