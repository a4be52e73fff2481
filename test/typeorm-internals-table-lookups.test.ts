/**
 * The routes around TypeORM's quadratic lookups (issue 13 §3) must not change what TypeORM
 * computes: entity metadata built with the indexed decorator storage equals the metadata built
 * without it (inheritance, single-table children, embeddeds, relations, indices, uniques, checks),
 * a resuming `find` returns what `Array.prototype.find` returns, a memoized table path follows
 * a renamed table, and the data source finds an entity by table name as before. Speed itself is measured in bench/ (`node bench/run.js --only scale`).
 */
import 'reflect-metadata';
import {
  Check,
  ChildEntity,
  Column,
  DataSource,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Table,
  TableInheritance,
  Unique,
  getMetadataArgsStorage,
} from 'typeorm';
import { ConnectionMetadataBuilder } from 'typeorm/connection/ConnectionMetadataBuilder';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { indexMetadataLookups, memoizeTablePaths, resumeTableFinds, withIndexedMetadataArgs } from '../src/typeorm-internals';

class Money {
  @Column({ type: 'numeric', precision: 12, scale: 2 }) amount!: string;
  @Column({ type: 'varchar', length: 3 }) currency!: string;
}

abstract class Audited {
  @PrimaryGeneratedColumn() id!: number;
  @Index()
  @Column({ type: 'timestamp', default: () => 'now()' })
  createdAt!: Date;
  @Column({ type: 'varchar', length: 40 }) note!: string;
}

@Entity('lk_owner')
@Unique(['name'])
class Owner extends Audited {
  @Column({ type: 'varchar', length: 80 }) name!: string;
  // Redeclared: the subclass's column wins over the base's.
  @Column({ type: 'text', nullable: true }) override note: string = '';
}

@Entity('lk_item')
@TableInheritance({ column: { type: 'varchar', name: 'kind' } })
@Check(`"price_amount" >= 0`)
class Item extends Audited {
  @Column(() => Money) price!: Money;
  @ManyToOne(() => Owner, { nullable: true })
  @JoinColumn({ name: 'owner_id' })
  owner!: Owner | null;
}

@ChildEntity('book')
class Book extends Item {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  isbn!: string | null;
}

@ChildEntity('disc')
class Disc extends Item {
  @Column({ type: 'integer', nullable: true }) tracks!: number | null;
  @ManyToOne(() => Owner, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'label_owner_id' })
  label!: Owner | null;
}

@Entity('lk_plain')
class Plain {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'jsonb', nullable: true }) meta!: unknown;
}

const ENTITIES = [Owner, Item, Book, Disc, Plain];

function describeMetadata(metadatas: EntityMetadata[]): unknown {
  return metadatas.map((m) => ({
    table: m.tableName,
    target: m.targetName,
    parent: m.parentEntityMetadata?.targetName,
    children: m.childEntityMetadatas.map((c) => c.targetName),
    columns: m.columns.map((c) => [c.propertyPath, c.databaseName, String(c.type), c.isNullable, c.isGenerated, c.generationStrategy, c.length]),
    relations: m.relations.map((r) => [r.propertyPath, r.relationType, r.inverseEntityMetadata.targetName, r.onDelete, r.joinColumns.map((c) => c.databaseName)]),
    indices: m.indices.map((i) => [i.name, i.isUnique, i.columns.map((c) => c.databaseName)]),
    uniques: m.uniques.map((u) => [u.name, u.columns.map((c) => c.databaseName)]),
    checks: m.checks.map((c) => [c.name, c.expression]),
    foreignKeys: m.foreignKeys.map((f) => [f.name, f.columnNames, f.referencedTablePath]),
    embeddeds: m.embeddeds.map((e) => [e.propertyName, e.columns.map((c) => c.databaseName)]),
  }));
}

async function build(): Promise<unknown> {
  const dataSource = new DataSource({ type: 'postgres', entities: ENTITIES });
  return describeMetadata(await new ConnectionMetadataBuilder(dataSource).buildEntityMetadatas(ENTITIES));
}

describe('TypeORM table lookups, routed around', () => {
  it('builds the same entity metadata with the decorator storage indexed', async () => {
    const plain = await build();
    const storage = getMetadataArgsStorage() as unknown as Record<string, unknown>;
    let indexed: unknown;
    let replacedWhileRunning = false;
    await withIndexedMetadataArgs(async () => {
      replacedWhileRunning = Object.prototype.hasOwnProperty.call(storage, 'filterIndices');
      indexed = await build();
    });
    expect(replacedWhileRunning).toBe(true);
    expect(indexed).toEqual(plain);
    // The storage is a process-wide global: nothing stays replaced afterwards.
    expect(Object.keys(storage).filter((k) => typeof storage[k] === 'function')).toEqual([]);
  });

  it('a resuming find returns what Array.prototype.find returns when keys are unique', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `t_${(i * 37) % 50}`);
    const tables = resumeTableFinds(keys.map((key) => ({ key })));
    const plain = keys.map((key) => ({ key }));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 500; n++) {
      const wanted = random() < 0.2 ? `missing_${n}` : keys[Math.floor(random() * keys.length)];
      expect(tables.find((t) => t.key === wanted)?.key).toBe(plain.find((t) => t.key === wanted)?.key);
    }
    tables.push({ key: 'late' });
    expect(tables.find((t) => t.key === 'late')?.key).toBe('late');
    expect(tables.find((t) => t.key === keys[0])?.key).toBe(keys[0]);
  });

  it('a memoized table path follows a table renamed in place', () => {
    const owner = {
      calls: 0,
      currentSchema: 'public',
      getTablePath(target: { name: string; schema?: string }) {
        this.calls++;
        return `${target.schema ?? this.currentSchema}.${target.name}`;
      },
    };
    memoizeTablePaths(owner);
    const table = new Table({ name: 'a' });
    expect(owner.getTablePath(table)).toBe('public.a');
    expect(owner.getTablePath(table)).toBe('public.a');
    expect(owner.calls).toBe(1);
    table.name = 'b';
    expect(owner.getTablePath(table)).toBe('public.b');
    table.schema = 'audit';
    expect(owner.getTablePath(table)).toBe('audit.b');
    owner.currentSchema = 'other';
    expect(owner.getTablePath({ name: 'c' })).toBe('other.c');
    expect(owner.calls).toBe(4);
  });

  it('finds entity metadata by name, table name and path as TypeORM does', async () => {
    const dataSource = new DataSource({ type: 'postgres', entities: ENTITIES });
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    const targets: unknown[] = ['lk_owner', 'Owner', 'lk_item', 'Book', 'Disc', 'public.lk_owner', 'lk_owner.x', 'missing', Owner, Plain, { name: 'lk_plain' }];
    const describe = () => targets.map((t) => (dataSource.hasMetadata(t as string) ? dataSource.getMetadata(t as string).targetName : null));
    const plain = describe();
    indexMetadataLookups(dataSource);
    expect(describe()).toEqual(plain);
    expect(plain.filter((found) => found !== null).length).toBeGreaterThan(5);
  });
});
