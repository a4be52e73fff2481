import { Check, Column, Entity, Index, ManyToOne, OneToMany } from 'typeorm';
import { SerialEntity } from '../common/base.entity';
import { Customer } from '../customers/customer.entity';
import { Product } from './product.entity';
import { ReviewVote } from './review-vote.entity';

@Entity()
@Index(['product', 'customer'], { unique: true })
@Check('chk_review_rating', 'rating BETWEEN 1 AND 5')
export class Review extends SerialEntity {
  @ManyToOne(() => Product, (product) => product.reviews, { onDelete: 'CASCADE', nullable: false })
  product!: Product;

  @ManyToOne(() => Customer, (customer) => customer.reviews, { onDelete: 'CASCADE', nullable: false })
  customer!: Customer;

  @Column('smallint')
  rating!: number;

  @Column({ length: 120 })
  title!: string;

  @Column('text')
  body!: string;

  @Column({ default: false })
  approved!: boolean;

  @OneToMany(() => ReviewVote, (vote) => vote.review)
  votes!: ReviewVote[];
}
