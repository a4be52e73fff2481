/**
 * How a numeric column gets its values when a row leaves it out: not at all, from a sequence the
 * column defaults to (`serial`, TypeORM's `'increment'`), or as an identity column (`GENERATED
 * ALWAYS | BY DEFAULT AS IDENTITY`, TypeORM's `'identity'`). TypeORM's schema builder compares only
 * `isGenerated`, so a change among the last two (or of the identity's kind) went unnoticed;
 * autogenerate compares these instead, and the PostgreSQL alterColumn turns one into another.
 */
import type { ColumnSpec } from './types';

/** The column properties that say a column's generation; they mean something only together. */
export const KEY_GENERATION_PROPERTIES = ['isGenerated', 'generationStrategy', 'generatedIdentity'] as const satisfies readonly (keyof ColumnSpec)[];

export type KeyGeneration = 'none' | 'serial' | 'identity ALWAYS' | 'identity BY DEFAULT';

/** The column's generation, or undefined when it is generated otherwise (a uuid, SQLite's rowid). */
export function keyGeneration(column: Pick<ColumnSpec, 'isGenerated' | 'generationStrategy' | 'generatedIdentity'>): KeyGeneration | undefined {
  if (!column.isGenerated) return 'none';
  switch (column.generationStrategy ?? 'increment') {
    case 'increment':
      return 'serial';
    // TypeORM writes BY DEFAULT for an identity whose kind the entity leaves out.
    case 'identity':
      return column.generatedIdentity === 'ALWAYS' ? 'identity ALWAYS' : 'identity BY DEFAULT';
    default:
      return undefined;
  }
}

/** The column properties that give a column `generation`, each set (an `alterColumn`'s changes). */
export function keyGenerationSpec(generation: KeyGeneration): Pick<ColumnSpec, 'isGenerated' | 'generationStrategy' | 'generatedIdentity'> {
  switch (generation) {
    case 'none':
      return { isGenerated: false };
    case 'serial':
      return { isGenerated: true, generationStrategy: 'increment' };
    case 'identity ALWAYS':
      return { isGenerated: true, generationStrategy: 'identity', generatedIdentity: 'ALWAYS' };
    case 'identity BY DEFAULT':
      return { isGenerated: true, generationStrategy: 'identity', generatedIdentity: 'BY DEFAULT' };
  }
}
