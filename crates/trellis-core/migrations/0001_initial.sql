-- Trellis schema, version 1. Forward-only: never edit once shipped.
-- Ids are UUID v7 text; instants are RFC 3339 UTC text; calendar dates are YYYY-MM-DD.

CREATE TABLE pack (
    program_id   TEXT PRIMARY KEY NOT NULL,
    version      TEXT NOT NULL,
    name         TEXT NOT NULL,
    source       TEXT NOT NULL,          -- the TOML as imported
    imported_at  TEXT NOT NULL
) STRICT;

CREATE TABLE pair (
    id                TEXT PRIMARY KEY NOT NULL,
    my_role           TEXT NOT NULL CHECK (my_role IN ('mentor', 'mentee')),
    partner_name      TEXT NOT NULL,
    program_id        TEXT NOT NULL,
    pack_version      TEXT NOT NULL,
    cohort_id         TEXT NOT NULL,
    match_date        TEXT NOT NULL,
    my_tz             TEXT NOT NULL,
    partner_tz        TEXT NOT NULL,
    cadence_days      INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 365),
    status            TEXT NOT NULL CHECK (status IN ('active', 'paused', 'graduated', 'ended')),
    end_reason        TEXT,
    status_changed_on TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE goal (
    id          TEXT PRIMARY KEY NOT NULL,
    pair_id     TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    why         TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'achieved', 'dropped')),
    target_date TEXT,
    achieved_on TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX goal_by_pair ON goal (pair_id, created_at);

CREATE TABLE milestone (
    id         TEXT PRIMARY KEY NOT NULL,
    goal_id    TEXT NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_on    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX milestone_by_goal ON milestone (goal_id, position);

CREATE TABLE criterion (
    id                TEXT PRIMARY KEY NOT NULL,
    pair_id           TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    pack_criterion_id TEXT,                -- NULL for the pair's own criteria
    position          INTEGER NOT NULL,
    text              TEXT NOT NULL,
    met               INTEGER NOT NULL DEFAULT 0 CHECK (met IN (0, 1)),
    met_on            TEXT,
    evidence          TEXT,
    confirmed_by      TEXT CHECK (confirmed_by IN ('mentor', 'mentee')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX criterion_by_pair ON criterion (pair_id, position);

CREATE TABLE goal_criterion (
    goal_id      TEXT NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, criterion_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX goal_criterion_by_criterion ON goal_criterion (criterion_id);

CREATE TABLE meeting (
    id           TEXT PRIMARY KEY NOT NULL,
    pair_id      TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    starts_at    TEXT NOT NULL,
    duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    mode         TEXT NOT NULL CHECK (mode IN ('video', 'chat', 'in_person', 'event')),
    agenda       TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_by_pair ON meeting (pair_id, starts_at DESC);

CREATE TABLE meeting_goal (
    meeting_id TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    goal_id    TEXT NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, goal_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX meeting_goal_by_goal ON meeting_goal (goal_id);

CREATE TABLE action_item (
    id         TEXT PRIMARY KEY NOT NULL,
    pair_id    TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meeting (id) ON DELETE SET NULL,
    text       TEXT NOT NULL,
    owner      TEXT NOT NULL CHECK (owner IN ('mentor', 'mentee')),
    due_date   TEXT,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_on    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX action_open_by_pair ON action_item (pair_id, done, due_date);
CREATE INDEX action_by_meeting ON action_item (meeting_id);

CREATE TABLE note (
    id               TEXT PRIMARY KEY NOT NULL,
    pair_id          TEXT NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    visibility       TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    goal_id          TEXT REFERENCES goal (id) ON DELETE SET NULL,
    for_next_meeting INTEGER NOT NULL DEFAULT 0 CHECK (for_next_meeting IN (0, 1)),
    meeting_id       TEXT REFERENCES meeting (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX note_by_pair ON note (pair_id, created_at DESC);
CREATE INDEX note_by_goal ON note (goal_id);
CREATE INDEX note_by_meeting ON note (meeting_id);

-- Full-text search. One index over every searchable text; its rowid is the
-- source row's rowid * 8 + a kind number, so triggers find entries directly.
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED, item_id UNINDEXED, pair_id UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER goal_ai AFTER INSERT ON goal BEGIN
    INSERT INTO search_index (rowid, kind, item_id, pair_id, title, body)
    VALUES (new.rowid * 8 + 1, 'goal', new.id, new.pair_id, new.title, new.why);
END;
CREATE TRIGGER goal_au AFTER UPDATE OF title, why ON goal BEGIN
    UPDATE search_index SET title = new.title, body = new.why WHERE rowid = new.rowid * 8 + 1;
END;
CREATE TRIGGER goal_ad AFTER DELETE ON goal BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 1;
END;

CREATE TRIGGER milestone_ai AFTER INSERT ON milestone BEGIN
    INSERT INTO search_index (rowid, kind, item_id, pair_id, title, body)
    VALUES (new.rowid * 8 + 2, 'milestone', new.id,
            (SELECT pair_id FROM goal WHERE id = new.goal_id), '', new.text);
END;
CREATE TRIGGER milestone_au AFTER UPDATE OF text ON milestone BEGIN
    UPDATE search_index SET body = new.text WHERE rowid = new.rowid * 8 + 2;
END;
CREATE TRIGGER milestone_ad AFTER DELETE ON milestone BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 2;
END;

CREATE TRIGGER meeting_ai AFTER INSERT ON meeting BEGIN
    INSERT INTO search_index (rowid, kind, item_id, pair_id, title, body)
    VALUES (new.rowid * 8 + 3, 'meeting', new.id, new.pair_id, new.agenda, new.notes);
END;
CREATE TRIGGER meeting_au AFTER UPDATE OF agenda, notes ON meeting BEGIN
    UPDATE search_index SET title = new.agenda, body = new.notes WHERE rowid = new.rowid * 8 + 3;
END;
CREATE TRIGGER meeting_ad AFTER DELETE ON meeting BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 3;
END;

CREATE TRIGGER action_ai AFTER INSERT ON action_item BEGIN
    INSERT INTO search_index (rowid, kind, item_id, pair_id, title, body)
    VALUES (new.rowid * 8 + 4, 'action', new.id, new.pair_id, '', new.text);
END;
CREATE TRIGGER action_au AFTER UPDATE OF text ON action_item BEGIN
    UPDATE search_index SET body = new.text WHERE rowid = new.rowid * 8 + 4;
END;
CREATE TRIGGER action_ad AFTER DELETE ON action_item BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 4;
END;

CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN
    INSERT INTO search_index (rowid, kind, item_id, pair_id, title, body)
    VALUES (new.rowid * 8 + 5, 'note', new.id, new.pair_id, '', new.body);
END;
CREATE TRIGGER note_au AFTER UPDATE OF body ON note BEGIN
    UPDATE search_index SET body = new.body WHERE rowid = new.rowid * 8 + 5;
END;
CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid * 8 + 5;
END;
