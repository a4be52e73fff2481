import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Task, TaskStatus } from './task.entity';

@Injectable()
export class ProjectsService {
  constructor(@InjectRepository(Task) private readonly tasks: Repository<Task>) {}

  /** Open tasks with their project, assignee and tags: touches most of the schema. */
  openTasks(): Promise<Task[]> {
    return this.tasks.find({
      where: [{ status: TaskStatus.Todo }, { status: TaskStatus.InProgress }],
      relations: { project: { team: true }, assignee: true, tags: true },
      order: { id: 'ASC' },
    });
  }
}
