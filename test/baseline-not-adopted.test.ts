/**
 * What `baseline` reads is what a fresh database gets from its upgrade. Objects it cannot recreate
 * (triggers, functions and procedures, row-level security and its policies, sequences no column
 * owns, MySQL events) would be missing there without a word: the command names each of them, and
 * the result lists them, so the user adds them to the revision by hand. Tables left out by
 * `exclude` take their triggers with them. `squash --drop-data-ops` says the same of what the
 * dropped raw statements made. In-process CLI; PostgreSQL, SQLite and MariaDB.
 */
import { createMysqlDatabase, createPostgresDatabase, createSqliteDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';

interface Scenario {
  createDatabase: () => Promise<TestDatabase>;
  /** Builds a table `account`, an excluded table `scratch_log`, and the objects baseline cannot adopt. */
  statements: string[];
  /** The words the warning must contain, one per object. */
  named: string[];
  /** How many of `statements`, from the third on, make the trigger `account_touch` on `account`. */
  triggerStatements: number;
}

const SCENARIOS: Record<string, Scenario> = {
  postgres: {
    createDatabase: createPostgresDatabase,
    statements: [
      `CREATE TABLE account (id serial PRIMARY KEY, balance int NOT NULL DEFAULT 0)`,
      `CREATE TABLE scratch_log (id serial PRIMARY KEY)`,
      `CREATE FUNCTION touch_account() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch_account()`,
      `CREATE TRIGGER log_touch BEFORE UPDATE ON scratch_log FOR EACH ROW EXECUTE FUNCTION touch_account()`,
      `ALTER TABLE account ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY account_owner ON account USING (balance >= 0)`,
      `CREATE SEQUENCE invoice_number`,
    ],
    named: [
      'trigger account_touch on account',
      'function touch_account',
      'row-level security on account',
      'policy account_owner on account',
      'sequence invoice_number',
    ],
    triggerStatements: 2,
  },
  sqlite: {
    createDatabase: createSqliteDatabase,
    statements: [
      `CREATE TABLE "account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "balance" integer NOT NULL DEFAULT (0))`,
      `CREATE TABLE "scratch_log" ("id" integer PRIMARY KEY NOT NULL)`,
      `CREATE TRIGGER "account_touch" AFTER UPDATE ON "account" BEGIN SELECT 1; END`,
      `CREATE TRIGGER "log_touch" AFTER UPDATE ON "scratch_log" BEGIN SELECT 1; END`,
    ],
    named: ['trigger account_touch on account'],
    triggerStatements: 1,
  },
  mariadb: {
    createDatabase: () => createMysqlDatabase(),
    statements: [
      'CREATE TABLE `account` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `balance` int NOT NULL DEFAULT 0)',
      'CREATE TABLE `scratch_log` (`id` int NOT NULL PRIMARY KEY)',
      'CREATE TRIGGER `account_touch` BEFORE UPDATE ON `account` FOR EACH ROW SET NEW.balance = NEW.balance',
      'CREATE TRIGGER `log_touch` BEFORE UPDATE ON `scratch_log` FOR EACH ROW SET NEW.id = NEW.id',
      'CREATE FUNCTION `double_it` (x int) RETURNS int DETERMINISTIC RETURN x * 2',
      'CREATE PROCEDURE `reset_balances` () UPDATE `account` SET balance = 0',
    ],
    named: ['trigger account_touch on account', 'function double_it', 'procedure reset_balances'],
    triggerStatements: 1,
  },
};

describe.each(Object.entries(SCENARIOS))('baseline on %s names what it cannot adopt', (_name, scenario) => {
  const project = projectPerTest(scenario.createDatabase, 'baseline-not-adopted');

  test('each object is named once, on one warning line; excluded tables take their triggers along', async () => {
    await withConnection(project.db, async (ds) => {
      for (const sql of scenario.statements) await ds.query(sql);
    });
    project.writeConfig({ exclude: ['scratch_log'] });
    const result = await project.cli('baseline', '-m', 'adopt');
    expect(result.stderr).toContain('Baseline of 1 table(s)');
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('Not adopted'));
    expect(warnings).toHaveLength(1);
    for (const name of scenario.named) expect(warnings[0]).toContain(name);
    expect(warnings[0]).not.toContain('log_touch');
    expect(warnings[0]).toContain('op.execute');
  });

  test('a database with nothing of the kind gets no warning', async () => {
    await withConnection(project.db, (ds) => ds.query(scenario.statements[0]));
    project.writeConfig();
    const result = await project.cli('baseline', '-m', 'adopt');
    expect(result.stderr).toContain('Baseline of 1 table(s)');
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('Not adopted');
  });

  test('squash --drop-data-ops names the triggers its dropped raw statements made', async () => {
    const [table, , ...rest] = scenario.statements;
    const trigger = rest.slice(0, scenario.triggerStatements).map((sql) => `await op.execute(${JSON.stringify(sql)});`).join(' ');
    project.writeConfig();
    project.writeRevision('a1a1a1a1a1a1', null, `await op.execute(${JSON.stringify(table)});`, `await op.dropTable('account');`, 'account');
    project.writeRevision('a2a2a2a2a2a2', 'a1a1a1a1a1a1', trigger, '', 'touch trigger');
    const result = await project.cli('squash', 'a2', '-m', 'squashed', '--drop-data-ops');
    expect(result.stderr).toContain('Squashed 2 revision(s)');
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('Not adopted'));
    expect(warnings).toEqual([expect.stringContaining('trigger account_touch on account')]);
  });
});
