// The reminder settings a fresh database has (core's defaults), for the
// Settings doubles.
import type { ReminderSettings } from '../bindings/ReminderSettings';

export const REMINDERS: ReminderSettings = {
  meeting: true,
  checkin: true,
  actions: true,
  drift: true,
  leadMinutes: 15,
  quiet: true,
  quietFrom: '22:00',
  quietTo: '08:00',
  startAtLogin: false,
};
