import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Book } from './book.js';
import { Member } from './member.js';

@Entity()
export class Loan {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => Book, (book) => book.loans, { nullable: false, onDelete: 'CASCADE' })
  book: Relation<Book>;

  @ManyToOne(() => Member, (member) => member.loans, { nullable: false, onDelete: 'CASCADE' })
  member: Relation<Member>;

  @Column({ type: 'date' })
  borrowedOn: string;

  @Column({ type: 'date', nullable: true })
  returnedOn: string | null;
}
