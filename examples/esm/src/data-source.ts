import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Author, Book, Loan, Member, Publisher, Review } from './entities/index.js';
import { readSecret } from './settings.js';

// Top-level await: the module is ready only once the secret is read, so importers get a
// DataSource that knows where the database is.
const url = await readSecret('DATABASE_URL', 'database-url');

export const AppDataSource = new DataSource({
  type: 'postgres',
  url,
  entities: [Author, Book, Loan, Member, Publisher, Review],
  synchronize: false,
});

export default AppDataSource;
