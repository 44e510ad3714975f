// Every app command is listed here so that tauri-build generates its
// `allow-<command>` / `deny-<command>` permissions; a command missing from this
// list cannot be granted, and one not granted in `capabilities/` is refused.
const COMMANDS: &[&str] = &[
    "list_actions",
    "add_action",
    "edit_action",
    "set_action_done",
    "delete_action",
    "app_info",
    "get_health",
    "list_backups",
    "backup_now",
    "restore_backup",
    "list_criteria",
    "add_criterion",
    "edit_criterion",
    "mark_criterion_met",
    "unmark_criterion",
    "delete_criterion",
    "get_draft",
    "save_draft",
    "publish_draft",
    "discard_draft",
    "list_goals",
    "add_goal",
    "edit_goal",
    "set_goal_status",
    "delete_goal",
    "list_meetings",
    "log_meeting",
    "edit_meeting",
    "delete_meeting",
    "get_next_meeting",
    "add_milestone",
    "edit_milestone",
    "set_milestone_done",
    "delete_milestone",
    "list_notes",
    "add_note",
    "edit_note",
    "delete_note",
    "list_packs",
    "get_pack",
    "import_pack",
    "get_status",
    "get_pair_summary",
    "add_pair",
    "edit_pair",
    "change_pair_status",
    "delete_pair",
    "create_sample_pair",
    "get_timeline",
    "export_record",
    "search",
    "invite_partner",
    "accept_invite",
    "send_update",
    "receive_update",
    "get_sync_status",
    "list_conflicts",
    "resolve_conflict",
    "list_confirmations",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero; `{:#}` keeps the cause chain.
        println!("cargo:warning=tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
