import type { ConfirmDrop } from '../runtime/table-drops';
import type { CliIo } from './io';

/** On a terminal, ask before writing a revision that drops tables; elsewhere ask nothing (refuse). */
export function dropPrompt(io: CliIo): ConfirmDrop | undefined {
  if (!io.interactive) return undefined;
  return async (tables) => {
    // @inquirer/prompts is ESM-only: load it when a question is actually asked.
    const { confirm } = await import('@inquirer/prompts');
    const them = tables.length > 1 ? `tables ${tables.join(', ')}` : `table ${tables[0]}`;
    return confirm({
      message: `No entity describes ${them}: write a revision that drops ${tables.length > 1 ? 'them' : 'it'} and ${tables.length > 1 ? 'their' : 'its'} rows? (no: nothing is written; "exclude" in the config leaves tables alone)`,
      default: false,
    });
  };
}
