// Words for a refused sync file: the core's message says why in detail;
// the title says it in a phrase a person recognises.
import { AppError } from '../../../lib/ipc';

export function refusalTitle(reason: unknown): string {
  const error = AppError.from(reason);
  if (error.kind !== 'format') return 'The file could not be read';
  const message = error.message.toLowerCase();
  // Checked first: "altered … or made with another pair key" is one message.
  if (message.includes('altered') || message.includes('damaged')) return 'The file was altered';
  if (message.includes('not shared on this machine') || message.includes('another pair')) {
    return 'This file belongs to another pair';
  }
  return 'The file was refused';
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
