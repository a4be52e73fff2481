import type { ConfirmDrop } from '../runtime/table-drops';
import type { CliIo } from './io';

/** On a terminal, ask before writing a revision that drops tables; elsewhere ask nothing (refuse). */
export function dropPrompt(io: CliIo): ConfirmDrop | undefined {
  if (!io.interactive) return undefined;
  return async (tables) => {
    // @inquirer/prompts is ESM-only: load it when a question is actually asked.
    const { confirm } = await import('@inquirer/prompts');
    const [them, it] = tables.length > 1 ? [`tables ${tables.join(', ')}`, 'them'] : [`table ${tables[0]}`, 'it'];
    return confirm({
      message: `Drop ${them} and every row in ${it}? No entity describes ${it} (no: nothing is written)`,
      default: false,
    });
  };
}
