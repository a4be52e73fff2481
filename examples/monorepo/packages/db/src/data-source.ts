import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { entities } from '@acme/db/entities';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (copy .env.example to .env at the repository root)');

export const dataSource = new DataSource({
  type: 'postgres',
  url,
  entities,
  synchronize: false,
});
