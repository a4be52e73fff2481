import { Check, Column, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Book } from './book.js';
import { Member } from './member.js';

@Entity()
@Check('review_rating_range', '"rating" BETWEEN 1 AND 5')
export class Review {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => Book, (book) => book.reviews, { nullable: false, onDelete: 'CASCADE' })
  book: Relation<Book>;

  @ManyToOne(() => Member, (member) => member.reviews, { nullable: false })
  member: Relation<Member>;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'text', nullable: true })
  body: string | null;
}
