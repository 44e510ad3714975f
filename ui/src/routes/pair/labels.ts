// Words the pair screen shows for the core's enums, and how a refused
// command's message is placed by the field it is about.
import { t } from '../../i18n/index.svelte';
import { reasonText } from '../../lib/errors';
import type { BadgeTone } from '../../lib/components/Badge.svelte';
import { AppError } from '../../lib/ipc';
import type { GoalStatus } from '../../bindings/GoalStatus';
import type { MeetingMode } from '../../bindings/MeetingMode';
import type { Role } from '../../bindings/Role';
import type { IconName } from '../../lib/icons';

/** A role's name, as a label: `Mentor`. */
export function roleLabel(role: Role): string {
  return role === 'mentor' ? t('pair.roleMentor') : t('pair.roleMentee');
}

export const otherRole = (role: Role): Role => (role === 'mentor' ? 'mentee' : 'mentor');

export const GOAL_STATUS_TONE: Record<GoalStatus, BadgeTone> = {
  proposed: 'info',
  active: 'accent',
  achieved: 'success',
  dropped: 'neutral',
};

/** A goal's status in words, in the current language. */
export function goalStatusLabel(status: GoalStatus): string {
  switch (status) {
    case 'proposed':
      return t('goals.statusProposed');
    case 'active':
      return t('goals.statusActive');
    case 'achieved':
      return t('goals.statusAchieved');
    case 'dropped':
      return t('goals.statusDropped');
  }
}

export const GOAL_STATUSES: readonly GoalStatus[] = ['proposed', 'active', 'achieved', 'dropped'];

export const MODE_ICON: Record<MeetingMode, IconName> = {
  video: 'monitor',
  chat: 'chat',
  in_person: 'users',
  event: 'flag',
};

/** How a meeting was held, in words. */
export function modeLabel(mode: MeetingMode): string {
  switch (mode) {
    case 'video':
      return t('meetings.modeVideo');
    case 'chat':
      return t('meetings.modeChat');
    case 'in_person':
      return t('meetings.modeInPerson');
    case 'event':
      return t('meetings.modeEvent');
  }
}

export const MODES: readonly MeetingMode[] = ['video', 'chat', 'in_person', 'event'];

/** `45 min`, `1 h`, `1 h 30 min`. */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return t('pair.durationMinutes', { minutes });
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? t('pair.durationHoursMinutes', { hours: h, minutes: m }) : t('pair.durationHours', { hours: h });
}

export interface PlacedError<K extends string> {
  /** Messages to show by a field of the form. */
  fields: Partial<Record<K, string>>;
  /** What no field claims: shown at the top of the dialog. */
  general: AppError | null;
}

/**
 * Place a refused command by its field: `fields` maps the core's field names
 * (the error's `field`) to the form's; the reason shows by that field.
 * Anything else stays general.
 */
export function placeError<K extends string>(
  reason: unknown,
  fields: Record<string, K>,
): PlacedError<K> {
  const error = AppError.from(reason);
  const key = error.kind === 'invalid' && error.field !== null ? fields[error.field] : undefined;
  if (key !== undefined) {
    return { fields: { [key]: reasonText(error) } as Partial<Record<K, string>>, general: null };
  }
  return { fields: {}, general: error };
}


/**
 * After a refused save, bring the first message into view: focus the first
 * invalid field of the open dialog (its message is tied to it), or scroll to
 * the dialog's general error. Call once the errors are rendered.
 */
export async function revealFirstError(): Promise<void> {
  const { tick } = await import('svelte');
  await tick();
  const dialog = document.querySelector<HTMLElement>('dialog[open]') ?? document.body;
  const field = dialog.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (field) {
    field.focus();
    field.scrollIntoView?.({ block: 'center' });
    return;
  }
  const alert = Array.from(dialog.querySelectorAll<HTMLElement>('[role="alert"]')).find(
    (el) => el.textContent?.trim(),
  );
  alert?.scrollIntoView?.({ block: 'center' });
}
