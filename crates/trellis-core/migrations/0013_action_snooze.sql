-- Snoozed action items (issue 17): an open item I set aside until a day.
-- It leaves the next meeting's carried-forward list and does not count as
-- overdue until then. My own choice on this machine: the sync triggers list
-- their columns, so a snooze never travels to the partner.
ALTER TABLE action_item ADD COLUMN snoozed_until TEXT;
