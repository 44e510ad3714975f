// Words for a refused sync file: the core's message says why in detail;
// the title says it in a phrase a person recognises, chosen by the error's code.
import { AppError } from '../../../lib/ipc';

export function refusalTitle(reason: unknown): string {
  const error = AppError.from(reason);
  switch (error.code) {
    case 'file_altered':
      return 'The file was altered';
    case 'file_of_another_pair':
      return 'This file belongs to another pair';
    case 'format':
      return 'The file was refused';
    default:
      return 'The file could not be read';
  }
}

/** A file name safe for the save dialog: letters, digits and dashes. */
export function fileStem(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'pair'
  );
}
