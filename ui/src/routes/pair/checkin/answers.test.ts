import { describe, expect, it } from 'vitest';
import type { CheckinForm } from '../../../bindings/CheckinForm';
import type { CheckinQuestion } from '../../../bindings/CheckinQuestion';
import { answersToSave, applicable, PREFER_NOT_TO_SAY, unanswered } from './answers';

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
  onlyIf: null,
});

const form = {
  questions: [
    choice('pair-status', ['active', 'ended-early']),
    { ...choice('end-reason', ['time', 'other']), onlyIf: { question: 'pair-status', answers: ['ended-early'] } },
    { ...choice('follow-up', ['yes', 'no']), onlyIf: { question: 'end-reason', answers: ['other'] } },
    choice('satisfied', ['yes', 'no']),
  ],
} as unknown as CheckinForm;

const ids = (qs: CheckinQuestion[]) => qs.map((q) => q.id);

describe('applicable', () => {
  it('leaves out a question whose earlier answer is not one it asks after', () => {
    for (const status of ['active', PREFER_NOT_TO_SAY]) {
      expect(ids(applicable(form, { 'pair-status': status, 'end-reason': 'other' }))).toEqual(['pair-status', 'satisfied']);
    }
    expect(ids(applicable(form, {}))).toEqual(['pair-status', 'satisfied']);
  });

  it('shows it, and what depends on it, after that answer', () => {
    expect(ids(applicable(form, { 'pair-status': 'ended-early' }))).toEqual(['pair-status', 'end-reason', 'satisfied']);
    expect(ids(applicable(form, { 'pair-status': 'ended-early', 'end-reason': 'other' }))).toEqual([
      'pair-status',
      'end-reason',
      'follow-up',
      'satisfied',
    ]);
  });
});

describe('unanswered', () => {
  it('does not require a question that does not apply', () => {
    expect(ids(unanswered(form, { 'pair-status': 'active' }))).toEqual(['satisfied']);
  });

  it('requires it when it applies', () => {
    expect(ids(unanswered(form, { 'pair-status': 'ended-early' }))).toEqual(['end-reason', 'satisfied']);
  });
});

describe('answersToSave', () => {
  it('drops an answer to a question that no longer applies', () => {
    const draft = { 'pair-status': 'active', 'end-reason': 'time', satisfied: 'yes' };
    expect(answersToSave(form, draft)).toEqual({ 'pair-status': 'active', satisfied: 'yes' });
  });
});
