/**
 * Autogenerate: an entity with a `@VirtualColumn` still gets its removed columns dropped. TypeORM 0.3.20–0.3.28's
 * schema builder matched every database column against "any virtual column, or a column of that
 * name", so one virtual column hid every dropped column of its table: `check` said the entity and
 * table agreed while the table kept a column the entity no longer has (found on a NestJS
 * boilerplate whose UserEntity has a `fullName` virtual column). TypeORM 1.x and 0.3.31 got it
 * right; run this file with EM_TYPEORM_COMPAT_DIR pointing at a TypeORM 0.3.28 install to see
 * the old builder's miss. Needs PostgreSQL and SQLite.
 */
import 'reflect-metadata';
import { Column, Entity, PrimaryGeneratedColumn, VirtualColumn } from 'typeorm';
import { compareSchema } from '../src/autogenerate/compare';
import { databasePerTest, DIALECTS, withDataSource } from './helpers/databases';

@Entity('person')
class Person {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @VirtualColumn({ query: (alias) => `SELECT UPPER(${alias}.name)` })
  shout!: string;
}

/** The table as it was: the same entity with a `phone` column. */
@Entity('person')
class PersonWithPhone {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;
}

describe.each(Object.entries(DIALECTS))('a @VirtualColumn entity on %s', (_name, createDatabase) => {
  const db = databasePerTest(createDatabase);

  test('a column the entity no longer has is dropped; nothing else is pending', async () => {
    await withDataSource(db, [PersonWithPhone], (ds) => ds.synchronize());
    const { ops } = await withDataSource(db, [Person], (ds) => compareSchema(ds));
    expect(ops.map((op) => (op.kind === 'dropColumn' && typeof op.column === 'object' ? `dropColumn ${op.column.name}` : op.kind))).toEqual([
      'dropColumn phone',
    ]);
  });
});
