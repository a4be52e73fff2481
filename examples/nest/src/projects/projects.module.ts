import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Comment } from './comment.entity';
import { Project } from './project.entity';
import { ProjectsService } from './projects.service';
import { Tag } from './tag.entity';
import { Task } from './task.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Project, Task, Tag, Comment])],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
