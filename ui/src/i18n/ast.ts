// What a message asks of its caller: the ICU arguments it reads and their
// types. The generated `keys.ts`, the catalogue test and the pseudo-locale
// all read messages through here.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export type ArgType = 'number' | 'date' | 'select' | 'text';

/** Parses a catalogue message; throws (with the parser's reason) when it is not ICU. */
export function parseMessage(source: string): MessageFormatElement[] {
  return parse(source, { ignoreTag: true, requiresOtherClause: true });
}

/** Every argument of a message with the type it is used as (`number` wins). */
export function argumentsOf(elements: MessageFormatElement[], into = new Map<string, ArgType>()): Map<string, ArgType> {
  const note = (name: string, type: ArgType) => {
    const known = into.get(name);
    if (!known || known === 'text') into.set(name, type);
  };
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        note(element.value, 'text');
        break;
      case TYPE.number:
      case TYPE.plural:
        note(element.value, 'number');
        break;
      case TYPE.date:
      case TYPE.time:
        note(element.value, 'date');
        break;
      case TYPE.select:
        note(element.value, 'select');
        break;
      default:
        break;
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

/** The TypeScript type a caller passes for an argument. */
export function tsType(type: ArgType): string {
  switch (type) {
    case 'number':
      return 'number';
    case 'date':
      return 'Date | number';
    case 'select':
      return 'string';
    case 'text':
      return 'string | number';
  }
}
