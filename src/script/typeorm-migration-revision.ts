/**
 * A revision that runs one TypeORM migration class (`templates/typeorm-migration.ts.hbs`): how its
 * file imports the class, by a path relative to the versions folder, so the class files stay where
 * they are.
 */
import { extname, relative, sep } from 'node:path';
import { isEsmFile } from '../load/package-type';
import { stringLiteral } from './source-text';
import type { NewRevision } from './write-revision';

export const TYPEORM_MIGRATION_TEMPLATE = 'typeorm-migration';

export interface TypeormMigrationSpec {
  /** TypeORM's name for it (the migrations table's `name`): the revision's message. */
  name: string;
  className: string;
  file: string;
  /** `default`, a named export, or undefined when the module itself is the class. */
  exportName: string | undefined;
  /** The class sets `transaction = false`. */
  outsideTransaction: boolean;
}

/** Names the revision file itself declares, which the imported class must not shadow. */
const TAKEN = new Set(['MigrationContext', 'revision', 'downRevision', 'message', 'createdAt', 'upgrade', 'downgrade', 'queryRunner', 'offline', 'outsideTransaction']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** What `writeRevision` needs for the template, beside the parents. */
export function typeormMigrationRevision(versionsDir: string, spec: TypeormMigrationSpec): Omit<NewRevision, 'downRevisions'> {
  const local = IDENTIFIER.test(spec.className) && !TAKEN.has(spec.className) ? spec.className : 'TypeormMigration';
  // The revision file is a .ts beside the others; its package decides ES module or CommonJS.
  const esm = isEsmFile(`${versionsDir}${sep}revision.ts`);
  const from = stringLiteral(importSpecifier(versionsDir, spec.file, esm));
  const importStatement =
    spec.exportName === undefined
      ? esm
        ? `import ${local} from ${from};`
        : `import ${local} = require(${from});`
      : spec.exportName === 'default'
        ? `import ${local} from ${from};`
        : `import { ${spec.exportName === local ? local : `${spec.exportName} as ${local}`} } from ${from};`;
  return {
    message: spec.name,
    template: TYPEORM_MIGRATION_TEMPLATE,
    extra: { migrationName: spec.name },
    code: { importStatement, className: local, outsideTransaction: spec.outsideTransaction ? 'yes' : '' },
  };
}

/**
 * `../../src/migrations/1700000000000-Init`: relative, forward slashes, and the extension as
 * TypeScript wants it written: none from CommonJS, the emitted one (`.js`, `.mjs`, `.cjs`) from an
 * ES module, as `module: node16` requires.
 */
function importSpecifier(versionsDir: string, file: string, esm: boolean): string {
  let path = relative(versionsDir, file).split(sep).join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  switch (ext) {
    case '.mts':
    case '.mjs':
      return `${stem}.mjs`;
    case '.cts':
    case '.cjs':
      return `${stem}.cjs`;
    default:
      return esm ? `${stem}.js` : stem;
  }
}
