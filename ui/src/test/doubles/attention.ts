// The doubles' copy of core's check-in phase and attention levels
// (`status::CheckinPhase::of`, `status::checkin_attention`), so the mocks'
// summaries have the shape core gives. Core's tests hold the rules.
import type { ActionItem } from '../../bindings/ActionItem';
import type { Attention } from '../../bindings/Attention';
import type { AttentionLevel } from '../../bindings/AttentionLevel';
import type { CheckinPhase } from '../../bindings/CheckinPhase';
import type { Owed } from '../../bindings/Owed';
import type { Role } from '../../bindings/Role';

const ORDER: AttentionLevel[] = ['good', 'note', 'soon', 'urgent'];

export function phaseOf(daysUntil: number, exported: boolean): CheckinPhase {
  if (exported) return 'done';
  if (daysUntil > 14) return 'upcoming';
  if (daysUntil >= 0) return 'open';
  if (daysUntil >= -30) return 'overdue';
  return 'missed';
}

export function checkinLevel(phase: CheckinPhase, daysUntil: number): AttentionLevel {
  if (phase === 'overdue') return 'urgent';
  return daysUntil <= 7 ? 'soon' : 'note';
}

export function topLevel(attention: Attention[]): AttentionLevel | null {
  return attention.reduce<AttentionLevel | null>(
    (top, a) => (top === null || ORDER.indexOf(a.level) > ORDER.indexOf(top) ? a.level : top),
    null,
  );
}

/** Open and overdue items owed by `owner` (open items only are passed in). */
export function owedBy(open: ActionItem[], owner: Role, today: string): Owed {
  const mine = open.filter((a) => a.owner === owner);
  return { open: mine.length, overdue: mine.filter((a) => a.dueDate !== null && a.dueDate < today).length };
}
