/**
 * TypeORM builds each entity's metadata by filtering its decorator records (`MetadataArgsStorage`:
 * every `@Column`, `@Index`, relation, … of every class loaded) for that entity's classes: a scan
 * of all records per entity and per kind, so building 2,000 entities scanned ~16,000 columns 2,000
 * times (about 3 of autogenerate's 10 CPU seconds there, growing with the square of the entities).
 *
 * While a data source initializes, the storage's per-target filters read an index instead: the
 * positions of each class's records, built once per array and again when the array grew. Each
 * filter is then handed only the records of its targets, in their original order, so TypeORM's own
 * code (duplicate-property rules and all) returns exactly what it would have returned.
 */
import { getMetadataArgsStorage } from 'typeorm';

interface Targeted {
  target: unknown;
}

type Filter = (array: Targeted[], target: unknown) => unknown;

/** The storage's protected helpers that take (array, target) and keep only records of target. */
const ARRAY_FILTERS = [
  'filterByTarget',
  'filterByTargetAndWithoutDuplicateProperties',
  'filterByTargetAndWithoutDuplicateRelationProperties',
  'filterByTargetAndWithoutDuplicateEmbeddedProperties',
] as const;

/** Public filters that scan one array inline, with the same test as `filterByTarget`. */
const INLINE_FILTERS = { filterIndices: 'indices', filterForeignKeys: 'foreignKeys', filterUniques: 'uniques', filterChecks: 'checks', filterExclusions: 'exclusions' } as const;

interface ArrayIndex {
  length: number;
  last: unknown;
  positions: Map<unknown, number[]>;
}

let depth = 0;
let restore: (() => void) | undefined;

/** Run `initialize` (metadata building) with the storage's target filters indexed. */
export async function withIndexedMetadataArgs<T>(initialize: () => Promise<T>): Promise<T> {
  // Nested or concurrent initializations share one installation, removed by the last to finish.
  if (depth++ === 0) restore = install(getMetadataArgsStorage() as unknown as Record<string, unknown>);
  try {
    return await initialize();
  } finally {
    if (--depth === 0) {
      restore?.();
      restore = undefined;
    }
  }
}

function install(storage: Record<string, unknown>): () => void {
  const indexes = new WeakMap<Targeted[], ArrayIndex>();
  const ofTargets = (array: Targeted[], target: unknown): Targeted[] => recordsOf(array, target, indexes);
  const replaced: Record<string, unknown> = {};
  for (const name of ARRAY_FILTERS) {
    const original = storage[name];
    if (typeof original !== 'function') continue;
    replaced[name] = function (this: unknown, array: Targeted[], target: unknown) {
      return (original as Filter).call(this, Array.isArray(array) ? ofTargets(array, target) : array, target);
    };
  }
  for (const [name, arrayName] of Object.entries(INLINE_FILTERS)) {
    if (typeof storage[name] !== 'function') continue;
    replaced[name] = (target: unknown) => {
      const array = storage[arrayName];
      return Array.isArray(array) ? ofTargets(array as Targeted[], target) : [];
    };
  }
  const findGenerated = storage.findGenerated;
  if (typeof findGenerated === 'function' && Array.isArray(storage.generations)) {
    replaced.findGenerated = (target: unknown, propertyName: unknown) =>
      ofTargets(storage.generations as Targeted[], target).find((g) => (g as { propertyName?: unknown }).propertyName === propertyName);
  }
  const hadOwn = Object.keys(replaced).filter((name) => Object.prototype.hasOwnProperty.call(storage, name));
  const previous = Object.fromEntries(hadOwn.map((name) => [name, storage[name]]));
  Object.assign(storage, replaced);
  return () => {
    for (const name of Object.keys(replaced)) {
      if (name in previous) storage[name] = previous[name];
      else delete storage[name];
    }
  };
}

/** The records of `array` whose target is `target` (or one of the classes in it), in array order. */
function recordsOf(array: Targeted[], target: unknown, indexes: WeakMap<Targeted[], ArrayIndex>): Targeted[] {
  let index = indexes.get(array);
  if (!index || index.length !== array.length || index.last !== array[array.length - 1]) {
    index = { length: array.length, last: array[array.length - 1], positions: new Map() };
    array.forEach((record, i) => {
      const at = index!.positions.get(record.target);
      if (at) at.push(i);
      else index!.positions.set(record.target, [i]);
    });
    indexes.set(array, index);
  }
  const targets = Array.isArray(target) ? [...new Set(target)] : [target];
  const positions = targets.flatMap((t) => index!.positions.get(t) ?? []);
  if (targets.length > 1) positions.sort((a, b) => a - b);
  return positions.map((i) => array[i]);
}
