/**
 * The one mechanism behind every accessor here: view a TypeORM object as an interface that names
 * members its typings hide (protected, or only on a driver's own class), after checking once per
 * object that the methods are there. A TypeORM release that renames one then fails with one line
 * naming the version and the member, not with "x is not a function" deep inside an op.
 */
import { typeormVersion } from './version';

/**
 * An accessor for `what` (a TypeORM class, as a message names it): checks that each of `methods`
 * is a function on the object (own or inherited), once per object, and returns the same object
 * typed as `S & T`.
 */
export function checkedView<S extends object, T extends object>(what: string, methods: readonly (keyof (S & T) & string)[]): (target: S) => S & T {
  const verified = new WeakSet<object>();
  return (target) => {
    if (!verified.has(target)) {
      const missing = methods.find((name) => typeof Reflect.get(target, name) !== 'function');
      if (missing !== undefined) {
        throw new Error(`TypeORM ${typeormVersion().version} is not supported: its ${what} has no ${missing}(), which entity-migrate uses`);
      }
      verified.add(target);
    }
    // The members were just checked; their signatures are documented where `T` is declared.
    return target as S & T;
  };
}
