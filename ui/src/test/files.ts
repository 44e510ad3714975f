// The shell's file dialogs, as test doubles answer them: a token for the
// path chosen (the path with a prefix, so a double can tell where a command
// would write or read), its name and its path.
import type { ChosenFile } from '../bindings/ChosenFile';

export const chosenFile = (path: string): ChosenFile => ({
  token: `chosen:${path}`,
  name: path.split('/').pop() ?? path,
  path,
});

/** The path a token from `chosenFile` stands for. */
export const pathOfToken = (token: unknown): string => String(token).replace(/^chosen:/, '');
