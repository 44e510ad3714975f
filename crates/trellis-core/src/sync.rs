//! Pair sync: the mentor's and the mentee's copies of a pair stay in step
//! through files, with no server. See `docs/sync-format.md`.
//!
//! - [`invite`] writes the invite file that starts it (the pair's shared data
//!   and the inviter's new public key, sealed under a one-time code told
//!   another way); the partner's [`accept`] makes the same pair there, roles
//!   mirrored, and an answer carrying their public key, sealed to the
//!   inviter ([`import_answer`]). Both then show the same safety code.
//! - [`export`] writes an update file with the pair's whole shared state,
//!   encrypted from my key to the partner's; [`import`] decrypts it, checks
//!   it (size, header, counts, lengths, every value, who may change what)
//!   and merges it in one transaction: per field, the newer
//!   hybrid-logical-clock stamp wins (the replica id breaks ties), and
//!   deletes win over everything.
//! - [`re_pair`] starts over with new keys; files made with the old ones are
//!   refused.
//! - Changes both sides made to the same field since they last synced are
//!   kept as [`conflicts`] to review and [`resolve`].
//!
//! Private notes, drafts and check-in answers are never in any file.

mod clock;
mod conflict;
mod folder;
mod frame;
mod invite;
mod peer;
mod schema;
mod state;
mod status;
mod update;
mod wire;

pub use clock::{clock_ahead, current_clock, repair_clock, ClockRepair, Hlc};
pub use conflict::{conflicts, resolve, Side, SyncConflict};
pub use folder::{
    clear_folder, folder, folders, pair_of_partner_file, receive_from_folder, set_folder,
    sync_folder, sync_folders, FolderSync, SyncFolder,
};
pub use frame::{
    ANSWER_FORMAT, FORMAT_MAJOR, FORMAT_MINOR, INVITE_FORMAT, MAX_FILE_BYTES, MAX_RECORDS,
    MAX_STRING_BYTES, SYNC_FORMAT,
};
pub use invite::{
    accept, accept_file, accept_with, import_answer, import_answer_file, invite, invite_to,
    preview_invite, preview_join, preview_join_file, re_pair, Accepted, Answered, Invitation,
    InvitePreview, JoinKey,
};
pub use status::{status, synced_folder_warning, SyncStatus};
pub use update::{
    export, export_to, export_to_folder, file_kind, folder_file_name, import, import_file,
    import_folder, FolderImport, Imported, Written, MAX_BODY_BYTES, MAX_NEW_ROWS,
};

pub(crate) use clock::stamp;

/// How far ahead of this machine's clock a file's clock may be.
pub const MAX_CLOCK_AHEAD_MS: i64 = 24 * 60 * 60 * 1000;
/// The file name extension of update files.
pub const EXTENSION: &str = "trellis-sync";
/// Most files `import_folder` looks at.
const MAX_FOLDER_FILES: usize = 1000;

/// What anyone who holds this side's keys of a pair can do with them: read
/// the body of an update file of the pair, and seal any body as an update
/// from this side. A partner who changes their own Trellis can do as much;
/// the tests and the fuzz target forge files with it, to show that the
/// checks of [`import`] do not rest on the writer being honest.
#[doc(hidden)]
pub mod forge {
    use super::frame::{self, refused};
    use super::peer::{load_peer, peer_by_tag};
    use super::SYNC_FORMAT;
    use crate::id::PairId;
    use crate::{Db, Result};

    /// The decrypted body of an update file of a pair shared here.
    pub fn open(db: &Db, bytes: &[u8]) -> Result<Vec<u8>> {
        let framed = frame::open(bytes, SYNC_FORMAT)?;
        let tag = frame::update_tag(&framed)?;
        let peer = db
            .read(|c| peer_by_tag(c, &tag))?
            .ok_or_else(|| refused("not a pair of this machine"))?;
        let (s, p) = peer.keys()?;
        frame::open_update(&framed, &s, &p)
    }

    /// `body`, sealed as an invite that `code` opens.
    pub fn seal_invite(code: &str, body: &[u8]) -> Result<Vec<u8>> {
        frame::seal_invite(code, body)
    }

    /// `body`, sealed as an update file from this side of the pair.
    pub fn seal(db: &Db, pair_id: PairId, body: &[u8]) -> Result<Vec<u8>> {
        let peer = db
            .read(|c| load_peer(c, pair_id))?
            .ok_or_else(|| refused("not shared"))?;
        let (s, p) = peer.keys()?;
        frame::seal_update(&s, &p, body)
    }
}
