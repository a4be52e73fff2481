import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Book } from './book.js';

@Entity()
export class Author {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'smallint', nullable: true })
  bornIn: number | null;

  @OneToMany(() => Book, (book) => book.author)
  books: Relation<Book[]>;
}
