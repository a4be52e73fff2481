import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../projects/project.entity';
import { User } from './user.entity';

@Entity('team')
export class Team {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 80, unique: true })
  name: string;

  @OneToMany(() => User, (user) => user.team)
  members: User[];

  @OneToMany(() => Project, (project) => project.team)
  projects: Project[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
