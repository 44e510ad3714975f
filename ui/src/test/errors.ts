// Errors as the shell sends them (`CommandError`, generated from Rust), for
// the test doubles and tests: a kind, a code, the field at fault and the
// params, besides the message the UI shows but never reads.
import type { CommandError } from '../bindings/CommandError';
import type { Clash } from '../bindings/Clash';
import type { CommandErrorKind } from '../bindings/CommandErrorKind';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { Reason } from '../bindings/Reason';

/**
 * Refused input, placed by `field`: why as core's `Reason` (its `rule` and
 * parameters, as text, which the UI words), or as words only (an error
 * without a rule, which the UI shows as sent).
 */
export function refusedInput(field: string, reason: string | Reason): CommandError {
  const answer = field.startsWith('answers.') ? `answer to '${field.slice('answers.'.length)}'` : field;
  if (typeof reason === 'string') {
    return { kind: 'invalid', code: 'invalid', field, params: { reason }, message: `${answer}: ${reason}` };
  }
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(reason)) params[name] = Array.isArray(value) ? value.join(', ') : String(value);
  params.reason = reason.rule;
  return { kind: 'invalid', code: 'invalid', field, params, message: `${answer}: ${reason.rule}` };
}

/**
 * A clash with the stored state as the core sends it: code `conflict`,
 * `params` its rule and parameters (as text), and its English message
 * (which the UI never shows).
 */
export function clash(why: Clash, message: string = why.rule): CommandError {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(why)) params[name] = String(value);
  return { kind: 'conflict', code: 'conflict', field: null, params, message };
}

/** A failure a test asks a double for: a whole `CommandError`, or a kind and message (see `commandError`). */
export type Failure = CommandError | { kind: CommandErrorKind; message: string };

/** The error a double throws for `failure`. */
export function asCommandError(failure: Failure): CommandError {
  return 'code' in failure ? failure : commandError(failure.kind, failure.message);
}

/**
 * An error of `kind` (its code the kind's own unless given). The doubles
 * word refused input as core does, `field: reason`; this gives such an error
 * the field and reason core's would carry.
 */
export function commandError(kind: CommandErrorKind, message: string, code?: ErrorCode): CommandError {
  const colon = message.indexOf(': ');
  if (kind === 'invalid' && colon > 0 && code === undefined) {
    return refusedInput(message.slice(0, colon), message.slice(colon + 2));
  }
  return { kind, code: code ?? kind, field: null, params: {}, message };
}
