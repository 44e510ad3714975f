import { describe, expect, it } from 'vitest';
import type { Note } from '../../bindings/Note';
import { notesAgenda } from './agenda';

const note = (body: string, visibility: Note['visibility']): Note => ({
  id: body,
  pairId: 'p',
  body,
  visibility,
  goalId: null,
  forNextMeeting: true,
  meetingId: null,
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
});

describe('a new meeting’s agenda text', () => {
  it('lists the first line of each shared note, never a private one', () => {
    expect(notesAgenda([note('Ask about the release\nand the freeze', 'shared'), note('I am worried', 'private'), note('Gerrit', 'shared')])).toBe(
      'From notes:\n- Ask about the release\n- Gerrit',
    );
  });

  it('is empty when no shared note is set aside', () => {
    expect(notesAgenda([note('I am worried', 'private')])).toBe('');
    expect(notesAgenda([])).toBe('');
  });
});
