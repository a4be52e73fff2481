import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Team } from './team.entity';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
  ) {}

  countUsers(): Promise<number> {
    return this.users.count();
  }

  teamsWithMembers(): Promise<Team[]> {
    return this.teams.find({ relations: { members: true }, order: { id: 'ASC' } });
  }
}
