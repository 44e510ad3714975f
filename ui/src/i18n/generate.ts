// Writes `keys.ts`: every English message's key and the parameters it takes,
// so a wrong key or a missing parameter fails the UI type check.
import { argumentsOf, parseMessage, tsType } from './ast';

export const KEYS_HEADER =
  '// Generated from src/i18n/messages/en/*.json by src/i18n/keys.test.ts\n' +
  '// (`npm run i18n` rewrites it). Do not edit by hand.\n';

export function keysModule(english: Map<string, string>): string {
  const lines = [...english.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, source]) => {
      const args = [...argumentsOf(parseMessage(source)).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      const params = args.length === 0 ? 'undefined' : `{ ${args.map(([n, ty]) => `${n}: ${tsType(ty)}`).join('; ')} }`;
      return `  '${key}': ${params};`;
    });
  return `${KEYS_HEADER}export interface Messages {\n${lines.join('\n')}\n}\n`;
}
