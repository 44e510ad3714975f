-- Carried-forward action items reviewed at a meeting (issue 17): logging a
-- meeting links each open item it went over, and whether it was closed there,
-- instead of pasting them into the agenda as text. Kept on this machine: no
-- sync triggers, so the link never travels to the partner (the items and the
-- meeting do, as before).
CREATE TABLE meeting_action (
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    action_id   TEXT NOT NULL REFERENCES action_item (id) ON DELETE CASCADE,
    closed_here INTEGER NOT NULL CHECK (closed_here IN (0, 1)),
    PRIMARY KEY (meeting_id, action_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX meeting_action_by_action ON meeting_action (action_id);
