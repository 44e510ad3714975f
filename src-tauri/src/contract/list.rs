// The desktop commands: every command the UI may call, declared once.
//
// One line per command: `module::name(Input) -> Output;` (no input: empty parentheses;
// a command generic over the runtime: `name<R>`). From this list come the
// handler (`contract::handler`), the build-time permissions (`build.rs`
// includes this file), the TypeScript `Commands` map
// (`ui/src/bindings/commands.ts`, written by `cargo test`), and the checks
// that the capability file grants exactly these commands. The compiler checks
// each line against the function's signature.
contract! {
    action::list_actions(ListActions) -> Vec<ActionItem>;
    action::add_action(AddAction) -> ActionItem;
    action::edit_action(EditAction) -> ActionItem;
    action::set_action_done(SetActionDone) -> ActionItem;
    action::delete_action(ActionRef) -> TrashItem;
    action::close_actions(ActionsRef) -> u32;
    action::drop_actions(ActionsRef) -> Vec<TrashItem>;
    action::snooze_actions(SnoozeActions) -> u32;
    app::app_info<R>() -> AppInfo;
    checkin::get_checkin_form(CheckinRef) -> CheckinForm;
    checkin::answer_checkin(AnswerCheckin) -> Checkin;
    checkin::list_checkins(PairRef) -> Vec<Checkin>;
    app::get_health() -> Health;
    backup::list_backups() -> Vec<Backup>;
    backup::backup_now() -> Backup;
    backup::restore_backup(RestoreBackup) -> Restored;
    backup::delete_backup(RestoreBackup) -> Backup;
    backup::prune_backups(PruneBackups) -> Vec<Backup>;
    encryption::encryption_status() -> EncryptionStatus;
    encryption::unlock_data(Passphrase) -> Health;
    encryption::turn_on_encryption(Passphrase) -> Health;
    encryption::turn_off_encryption(TurnOffEncryption) -> Health;
    encryption::change_passphrase(ChangePassphrase) -> EncryptionStatus;
    criterion::list_criteria(PairRef) -> Vec<Criterion>;
    criterion::add_criterion(AddCriterion) -> Criterion;
    criterion::edit_criterion(EditCriterion) -> Criterion;
    criterion::mark_criterion_met(MarkCriterionMet) -> Criterion;
    criterion::unmark_criterion(CriterionRef) -> Criterion;
    criterion::delete_criterion(CriterionRef) -> TrashItem;
    file::choose_save_file<R>(ChooseFile) -> Option<ChosenFile>;
    file::choose_open_file<R>(ChooseFile) -> Option<ChosenFile>;
    file::choose_folder<R>(ChooseFile) -> Option<ChosenFile>;
    draft::get_draft(PairRef) -> Option<Draft>;
    draft::save_draft(SaveDraft) -> Option<Draft>;
    draft::publish_draft(PublishDraft) -> Note;
    draft::discard_draft(PairRef) -> ();
    goal::list_goals(ListGoals) -> GoalPage;
    goal::get_goals(GetGoals) -> Vec<Goal>;
    goal::count_goals(PairRef) -> GoalCounts;
    goal::list_goal_labels(ListGoalLabels) -> Vec<GoalLabel>;
    goal::add_goal(AddGoal) -> Goal;
    goal::edit_goal(EditGoal) -> Goal;
    goal::set_goal_status(SetGoalStatus) -> Goal;
    goal::delete_goal(GoalRef) -> TrashItem;
    meeting::list_meetings(ListMeetings) -> MeetingPage;
    meeting::log_meeting(LogMeeting) -> Meeting;
    meeting::edit_meeting(EditMeeting) -> Meeting;
    meeting::delete_meeting(MeetingRef) -> TrashItem;
    meeting::get_next_meeting(PairRef) -> NextMeeting;
    milestone::add_milestone(AddMilestone) -> Milestone;
    milestone::edit_milestone(EditMilestone) -> Milestone;
    milestone::set_milestone_done(SetMilestoneDone) -> Milestone;
    milestone::delete_milestone(MilestoneRef) -> ();
    note::list_notes(ListNotes) -> NotePage;
    note::add_note(AddNote) -> Note;
    note::edit_note(EditNote) -> Note;
    note::delete_note(NoteRef) -> TrashItem;
    trash::list_trash(PairRef) -> Vec<TrashItem>;
    trash::restore_trash_item(TrashRef) -> RestoredItem;
    trash::purge_trash_item(TrashRef) -> Purged;
    trash::empty_trash(PairRef) -> Purged;
    pack::list_packs() -> Vec<PackSummary>;
    pack::get_pack(PackRef) -> Pack;
    pack::import_pack(ImportPack) -> Pack;
    pair::get_status() -> Vec<PairSummary>;
    pair::get_pair_summary(PairRef) -> PairSummary;
    pair::add_pair(NewPair) -> Pair;
    pair::edit_pair(EditPair) -> Pair;
    pair::change_pair_status(ChangePairStatus) -> Pair;
    pair::delete_pair(PairRef) -> ();
    pair::create_sample_pair() -> Pair;
    pair::get_timeline(GetTimeline) -> TimelinePage;
    record::export_record(ExportRecord) -> Exported;
    report::build_report(BuildReport) -> Report;
    report::export_report(ExportReport) -> ExportedReport;
    search::search(SearchInput) -> Vec<SearchHit>;
    survey::preview_survey(PreviewSurvey) -> String;
    survey::export_survey(ExportSurvey) -> ExportedSurvey;
    sync::invite_partner(InvitePartner) -> InviteWritten;
    sync::accept_invite(AcceptInvite) -> Accepted;
    sync::preview_invite(PreviewInvite) -> InvitePreview;
    sync::repair_sync_clock() -> ClockRepair;
    sync::send_update(SendUpdate) -> Written;
    sync::receive_update(SyncFile) -> Imported;
    sync::get_sync_status(PairRef) -> SyncStatus;
    sync::list_conflicts(PairRef) -> Vec<SyncConflict>;
    sync::resolve_conflict(ResolveConflict) -> SyncConflict;
    sync::list_confirmations(PairRef) -> Vec<CriterionConfirmations>;
    zone::list_zones() -> ZoneList;
    sync::set_sync_folder<R>(SetSyncFolder) -> SyncFolder;
    sync::clear_sync_folder<R>(PairRef) -> ();
    sync::sync_folder_now(PairRef) -> FolderSync;
    sync::sync_all_folders() -> Vec<FolderSync>;
}
