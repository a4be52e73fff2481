import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Author } from './author.js';
import { Loan } from './loan.js';
import { Publisher } from './publisher.js';
import { Review } from './review.js';

export type BookFormat = 'hardcover' | 'paperback' | 'ebook';

@Entity()
export class Book {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 13, unique: true })
  isbn: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'enum', enum: ['hardcover', 'paperback', 'ebook'], enumName: 'book_format' })
  format: BookFormat;

  @Column({ type: 'numeric', precision: 8, scale: 2 })
  price: string;

  @ManyToOne(() => Author, (author) => author.books, { nullable: false })
  author: Relation<Author>;

  @ManyToOne(() => Publisher, (publisher) => publisher.books, { nullable: true })
  publisher: Relation<Publisher> | null;

  @OneToMany(() => Review, (review) => review.book)
  reviews: Relation<Review[]>;

  @OneToMany(() => Loan, (loan) => loan.book)
  loans: Relation<Loan[]>;
}
