import { describe, expect, it } from 'vitest';
import { commandError } from '../../../test/errors';
import { refusalTitle } from './refusal';

describe('refusalTitle', () => {
  it('titles a refused sync file by its code, whatever its words', () => {
    const words = 'sync file: words that may change or be translated';
    expect(refusalTitle(commandError('format', words, 'file_altered'))).toBe('The file was altered');
    expect(refusalTitle(commandError('format', words, 'file_of_another_pair'))).toBe('This file belongs to another pair');
    expect(refusalTitle(commandError('format', 'sync file: altered, of another pair'))).toBe('The file was refused');
    expect(refusalTitle(commandError('io', 'cannot read the file'))).toBe('The file could not be read');
  });
});
