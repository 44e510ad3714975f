-- Indexes the benchmarks showed were missing (issue 7, BENCHMARKS.md).
-- Forward-only: never edit once shipped.

-- Notes set aside for the next meeting and not yet taken up by one: read by
-- the next meeting's agenda (`meeting::next`) and updated by every logged
-- meeting. Without it SQLite walks every note whose meeting_id is NULL —
-- nearly all of them, in every pair — to find the few pending ones.
CREATE INDEX note_pending ON note (pair_id, created_at)
WHERE for_next_meeting = 1 AND meeting_id IS NULL;
