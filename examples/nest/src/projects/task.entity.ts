import { Column, Entity, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Comment } from './comment.entity';
import { Project } from './project.entity';
import { Tag } from './tag.entity';

export enum TaskStatus {
  Todo = 'todo',
  InProgress = 'in_progress',
  Done = 'done',
}

@Entity('task')
export class Task {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.Todo })
  status: TaskStatus;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @ManyToOne(() => Project, (project) => project.tasks, { nullable: false, onDelete: 'CASCADE' })
  project: Project;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  assignee: User | null;

  @ManyToMany(() => Tag, (tag) => tag.tasks)
  @JoinTable({ name: 'task_tag' })
  tags: Tag[];

  @OneToMany(() => Comment, (comment) => comment.task)
  comments: Comment[];
}
