import { describe, expect, it } from 'vitest';
import type { CheckinForm } from '../../../bindings/CheckinForm';
import type { CheckinQuestion } from '../../../bindings/CheckinQuestion';
import { unanswered } from './answers';

const choice = (id: string, options: string[]): CheckinQuestion => ({
  id,
  text: id,
  kind: 'choice',
  options: options.map((o) => ({ id: o, label: o })),
  min: null,
  max: null,
  minLabel: null,
  maxLabel: null,
  criteria: [],
  prefill: null,
  prefillFrom: null,
});

const form = {
  questions: [choice('end-reason', ['did-not-end-early', 'time']), choice('satisfied', ['yes', 'no'])],
} as unknown as CheckinForm;

describe('unanswered', () => {
  it('does not require the early-end question of a pair that did not end', () => {
    for (const status of ['active', 'paused', 'graduated'] as const) {
      expect(unanswered(form, {}, status).map((q) => q.id)).toEqual(['satisfied']);
    }
  });

  it('requires it of a pair that ended early', () => {
    expect(unanswered(form, {}, 'ended').map((q) => q.id)).toEqual(['end-reason', 'satisfied']);
  });
});
