// The test doubles answer desktop commands as the shell does: a handler per
// command takes the command's input and gives its output, both as the
// generated contract (`bindings/commands.ts`, written from
// src-tauri/src/contract/list.rs) says. A renamed Rust field or a changed
// output then fails the type check of the doubles, as it fails ipc.ts.
import type { CommandName, Commands } from '../../bindings/commands';

/** Answers one command: its input in, its output out (or a thrown `CommandError`). */
export type Handler<K extends CommandName> = (input: Commands[K]['input']) => Commands[K]['output'];

/** Handlers by command name; a double answers some of the commands. */
export type Handlers = { [K in CommandName]?: Handler<K> };

/** The input a call carries over the bridge (`{ input }`); `{}` for a command that takes none. */
export function inputOf(payload: unknown): Record<string, unknown> {
  return ((payload as { input?: Record<string, unknown> } | undefined)?.input ?? {}) as Record<string, unknown>;
}

/**
 * The handler of `cmd` among `handlers`, for a call that came over the bridge
 * by name; undefined when this double does not answer it. The input is taken
 * as the contract types it: the UI's side of the bridge is type-checked.
 */
export function handlerOf(handlers: Handlers, cmd: string): ((input: unknown) => unknown) | undefined {
  return (handlers as Record<string, ((input: unknown) => unknown) | undefined>)[cmd];
}
