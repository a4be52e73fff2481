'use strict';
/**
 * Generated fixtures, written under bench/.work/ by the benchmark itself:
 * - 200 TypeORM entity classes (~6 columns of mixed types, an index, enums, some many-to-one
 *   relations to earlier entities), the same text for us and for the peer;
 * - 500 one-table revisions in one chain (12-hex ids) for us, and the 500 equivalent TypeORM
 *   migrations (what `migration:generate` writes: raw SQL through queryRunner.query) for the peer;
 * - the psql floor script: the same DDL with the same transaction boundaries.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const pad = (i) => String(i).padStart(4, '0');
const revId = (i) => createHash('sha1').update(`em-bench-rev-${i}`).digest('hex').slice(0, 12);
const tableName = (i) => `t_${pad(i)}`;
const VERSION_TABLE = 'entity_migrate_version';

/** The columns of every generated table, as our op API takes them. */
const COLUMNS = [
  { name: 'id', type: 'integer', isPrimary: true },
  { name: 'name', type: 'varchar', length: '100', isNullable: false },
  { name: 'value', type: 'integer', isNullable: true },
  { name: 'created_at', type: 'timestamp', default: 'now()' },
];

/** The statement TypeORM's PostgresQueryRunner.createTable renders for COLUMNS (checked against `upgrade --sql`). */
function createTableSql(i) {
  const t = tableName(i);
  return (
    `CREATE TABLE "${t}" ("id" integer NOT NULL, "name" varchar(100) NOT NULL, "value" integer, ` +
    `"created_at" timestamp NOT NULL DEFAULT now(), CONSTRAINT "${pkName(t)}" PRIMARY KEY ("id"))`
  );
}

/** TypeORM's DefaultNamingStrategy.primaryKeyName(table, ['id']). */
function pkName(table) {
  return `PK_${createHash('sha1').update(`${table}_id`).digest('hex').slice(0, 27)}`;
}

// ── entities ───────────────────────────────────────────────────────────────────────────────────

function entitySource(i) {
  const name = `Entity${pad(i)}`;
  const parent = i % 4 === 3 && i > 0 ? i - 1 : undefined;
  const imports = ['Column', 'Entity', 'Index', 'PrimaryGeneratedColumn'];
  if (parent !== undefined) imports.push('JoinColumn', 'ManyToOne');
  const lines = [];
  lines.push(`import { ${imports.sort().join(', ')} } from 'typeorm';`);
  if (parent !== undefined) lines.push(`import { Entity${pad(parent)} } from './entity${pad(parent)}';`);
  lines.push('');
  lines.push(`@Entity('ent_${pad(i)}')`);
  lines.push(`export class ${name} {`);
  lines.push(`  @PrimaryGeneratedColumn()`);
  lines.push(`  id!: number;`);
  lines.push('');
  lines.push(`  @Column({ type: 'varchar', length: ${80 + (i % 5) * 10} })`);
  lines.push(`  name!: string;`);
  lines.push('');
  lines.push(`  @Index()`);
  lines.push(`  @Column({ type: 'integer', default: 0 })`);
  lines.push(`  rank!: number;`);
  lines.push('');
  lines.push(`  @Column({ type: 'boolean', default: true })`);
  lines.push(`  active!: boolean;`);
  lines.push('');
  lines.push(`  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })`);
  lines.push(`  amount!: string | null;`);
  lines.push('');
  lines.push(`  @Column({ type: 'timestamp with time zone', default: () => 'now()' })`);
  lines.push(`  createdAt!: Date;`);
  switch (i % 3) {
    case 0:
      lines.push('', `  @Column({ type: 'text', nullable: true })`, `  note!: string | null;`);
      break;
    case 1:
      lines.push('', `  @Column({ type: 'jsonb', nullable: true })`, `  meta!: Record<string, unknown> | null;`);
      break;
    default:
      lines.push('', `  @Column({ type: 'enum', enum: ['draft', 'live', 'gone'], default: 'draft' })`, `  status!: string;`);
  }
  if (parent !== undefined) {
    lines.push('');
    lines.push(`  @ManyToOne(() => Entity${pad(parent)}, { nullable: true, onDelete: 'SET NULL' })`);
    lines.push(`  @JoinColumn({ name: 'parent_id' })`);
    lines.push(`  parent!: Entity${pad(parent)} | null;`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

function writeEntities(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `entity${pad(i)}.ts`), entitySource(i));
}

// ── our revisions ──────────────────────────────────────────────────────────────────────────────

function revisionSource(i) {
  const t = tableName(i);
  const down = i === 0 ? 'null' : `'${revId(i - 1)}'`;
  const cols = COLUMNS.map((c) => `      ${objectLiteral(c)},`).join('\n');
  return `import type { MigrationContext } from 'typeorm-entity-migrate';

export const revision = '${revId(i)}';
export const downRevision: string | null = ${down};
export const message = 'create ${t}';
export const createdAt = '${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()}';

export async function upgrade({ op }: MigrationContext): Promise<void> {
  await op.createTable({
    name: '${t}',
    columns: [
${cols}
    ],
  });
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  await op.dropTable('${t}');
}
`;
}

function objectLiteral(obj) {
  const parts = Object.entries(obj).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  return `{ ${parts.join(', ')} }`;
}

function writeRevisions(versionsDir, count) {
  rmSync(versionsDir, { recursive: true, force: true });
  mkdirSync(versionsDir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(join(versionsDir, `${revId(i)}_create_${tableName(i)}.ts`), revisionSource(i));
  }
}

// ── the peer's migrations ─────────────────────────────────────────────────────────────────────

const TS0 = 1_767_225_600_000; // 2026-01-01, 13 digits
const migrationClass = (i) => `CreateT${pad(i)}${TS0 + i}`;

function migrationSource(i) {
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${migrationClass(i)} implements MigrationInterface {
  name = '${migrationClass(i)}';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`${createTableSql(i)}\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "${tableName(i)}"\`);
  }
}
`;
}

function writeMigrations(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `${TS0 + i}-CreateT${pad(i)}.ts`), migrationSource(i));
}

// ── the floor ──────────────────────────────────────────────────────────────────────────────────

/** One file for `psql -f`: the version table, then per revision BEGIN; DDL; version row; COMMIT. */
/**
 * The floor: `psql -f` of the same DDL and version moves. `oneTransaction` wraps the whole run in
 * one BEGIN … COMMIT (transactionMode 'all', TypeORM's default `-t all`) instead of one per revision.
 */
function floorSql(count, { oneTransaction = false } = {}) {
  const out = [`CREATE TABLE IF NOT EXISTS "${VERSION_TABLE}" (version_num varchar(32) NOT NULL PRIMARY KEY);`];
  if (oneTransaction) out.push('BEGIN;');
  for (let i = 0; i < count; i++) {
    if (!oneTransaction) out.push('BEGIN;');
    out.push(`${createTableSql(i)};`);
    out.push(
      i === 0
        ? `INSERT INTO "${VERSION_TABLE}" (version_num) VALUES ('${revId(i)}');`
        : `UPDATE "${VERSION_TABLE}" SET version_num = '${revId(i)}' WHERE version_num = '${revId(i - 1)}';`,
    );
    if (!oneTransaction) out.push('COMMIT;');
  }
  if (oneTransaction) out.push('COMMIT;');
  return `${out.join('\n')}\n`;
}

module.exports = {
  COLUMNS,
  VERSION_TABLE,
  revId,
  tableName,
  createTableSql,
  entitySource,
  writeEntities,
  revisionSource,
  writeRevisions,
  migrationSource,
  writeMigrations,
  floorSql,
};
