-- Pair sync format 2 (issue 13): files encrypted between the partners' own
-- key pairs instead of authenticated with one shared key that the invite
-- carried. Forward-only: never edit once shipped.
--
-- Each side keeps an X25519 key pair per pair (`my_secret`; the public key
-- is derived from it) and, once the partner answered the invite (or once
-- this side accepted one), the partner's public key. `tag` names the pair in
-- its update files without naming it (a hash of both public keys), so that an
-- import finds its pair without trying every key. The old pair key is not
-- kept: it travelled in the invite, so anyone who saw that could read and
-- forge files. A pair shared before this migration has no keys: its
-- partners re-pair (a new invite), and files of format 1 are refused.
CREATE TABLE sync_peer_v2 (
    pair_id         TEXT PRIMARY KEY NOT NULL REFERENCES pair (id) ON DELETE CASCADE,
    my_secret       BLOB CHECK (my_secret IS NULL OR length(my_secret) = 32),
    partner_public  BLOB CHECK (partner_public IS NULL OR length(partner_public) = 32),
    tag             BLOB UNIQUE CHECK (tag IS NULL OR length(tag) = 16),
    partner_replica TEXT,
    last_seen       TEXT,
    last_import_at  TEXT,
    created_at      TEXT NOT NULL,
    keyed_at        TEXT
) STRICT;
INSERT INTO sync_peer_v2 (pair_id, partner_replica, last_seen, last_import_at, created_at)
SELECT pair_id, partner_replica, last_seen, last_import_at, created_at FROM sync_peer;
DROP TABLE sync_peer;
ALTER TABLE sync_peer_v2 RENAME TO sync_peer;
