import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Loan } from './loan.js';
import { Review } from './review.js';

@Entity()
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  fullName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;

  @OneToMany(() => Loan, (loan) => loan.member)
  loans: Relation<Loan[]>;

  @OneToMany(() => Review, (review) => review.member)
  reviews: Relation<Review[]>;
}
