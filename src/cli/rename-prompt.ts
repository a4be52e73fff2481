import type { ConfirmRename, RenameCandidate } from '../autogenerate';
import type { CliIo } from './io';

/** On a terminal, ask about each rename candidate; elsewhere ask nothing (hints decide). */
export function renamePrompt(io: CliIo): ConfirmRename | undefined {
  if (!io.interactive) return undefined;
  return async (candidate: RenameCandidate) => {
    // @inquirer/prompts is ESM-only: load it when a question is actually asked.
    const { confirm } = await import('@inquirer/prompts');
    const question =
      candidate.kind === 'column'
        ? `Was column ${candidate.table}.${candidate.from} renamed to ${candidate.to}? (no: drop it and add a new one)`
        : `Was table ${candidate.from} renamed to ${candidate.to}? (no: drop it and create a new one)`;
    return confirm({ message: question, default: false });
  };
}
