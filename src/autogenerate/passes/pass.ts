/** What every pass reads and returns: the op list so far and the destructive findings. */
import type { DialectName } from '../../dialects/dialect';
import type { Op } from '../../ops/types';
import type { DestructiveChange } from '../types';

export interface PassState {
  ops: Op[];
  destructive: DestructiveChange[];
}

export interface PassContext {
  dialect: DialectName;
  /** PostgreSQL's current schema (`public`); undefined elsewhere. */
  defaultSchema?: string;
}
