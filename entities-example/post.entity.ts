import { Column, Entity, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tag } from './tag.entity';
import { User } from './user.entity';

@Entity('post')
export class Post {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  title!: string;

  @Column('text')
  body!: string;

  @Column({ default: false })
  published!: boolean;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  author!: User;

  @ManyToMany(() => Tag)
  @JoinTable()
  tags!: Tag[];
}
