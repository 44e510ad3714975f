//! Enums stored as words: one macro gives an enum its word (`as_str`), its
//! `ToSql` and its `FromSql`. A stored word the enum does not know is an
//! error when read, never a silent default: a database written by a newer
//! Trellis, or edited by hand, is not misread.

/// `sql_enum!(Role { Mentor => "mentor", Mentee => "mentee" });`
macro_rules! sql_enum {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            /// The word this value is stored and shown as.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $word,)+
                }
            }

            /// The value a stored word names, if any.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let word = value.as_str()?;
                $ty::from_word(word).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("'{word}' is not a stored {}", stringify!($ty)).into(),
                    )
                })
            }
        }
    };
}

pub(crate) use sql_enum;

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::pair::{PairStatus, Role};

    #[allow(
        clippy::disallowed_methods,
        reason = "a bare in-memory database for the mapping alone"
    )]
    fn stored(word: &str) -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (v TEXT)").unwrap();
        c.execute("INSERT INTO t (v) VALUES (?1)", [word]).unwrap();
        c
    }

    #[test]
    fn a_known_word_reads_back_as_its_value() {
        for role in [Role::Mentor, Role::Mentee] {
            let c = stored(role.as_str());
            let back: Role = c.query_row("SELECT v FROM t", [], |r| r.get(0)).unwrap();
            assert_eq!(back, role);
        }
        let c = stored("graduated");
        let back: PairStatus = c.query_row("SELECT v FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(back, PairStatus::Graduated);
    }

    #[test]
    fn an_unknown_stored_role_is_an_error_not_a_mentee() {
        let c = stored("sponsor");
        let read = c.query_row("SELECT v FROM t", [], |r| r.get::<_, Role>(0));
        let error = read.unwrap_err().to_string();
        assert!(error.contains("'sponsor' is not a stored Role"), "{error}");
    }

    #[test]
    fn an_unknown_stored_status_is_an_error_not_ended() {
        let c = stored("archived");
        let read = c.query_row("SELECT v FROM t", [], |r| r.get::<_, PairStatus>(0));
        assert!(read.is_err(), "{read:?}");
    }

    fn read<T: rusqlite::types::FromSql>(word: &str) -> rusqlite::Result<T> {
        stored(word).query_row("SELECT v FROM t", [], |r| r.get(0))
    }

    #[test]
    fn every_stored_enum_reads_its_own_words_and_refuses_others() {
        use crate::goal::GoalStatus;
        use crate::meeting::MeetingMode;
        use crate::note::Visibility;
        use crate::trash::TrashKind;

        for s in [
            GoalStatus::Proposed,
            GoalStatus::Active,
            GoalStatus::Achieved,
            GoalStatus::Dropped,
        ] {
            assert_eq!(read::<GoalStatus>(s.as_str()).unwrap(), s);
        }
        for m in [
            MeetingMode::Video,
            MeetingMode::Chat,
            MeetingMode::InPerson,
            MeetingMode::Event,
        ] {
            assert_eq!(read::<MeetingMode>(m.as_str()).unwrap(), m);
        }
        for v in [Visibility::Private, Visibility::Shared] {
            assert_eq!(read::<Visibility>(v.as_str()).unwrap(), v);
        }
        for k in [
            TrashKind::Note,
            TrashKind::Goal,
            TrashKind::Meeting,
            TrashKind::Action,
            TrashKind::Criterion,
        ] {
            assert_eq!(read::<TrashKind>(k.as_str()).unwrap(), k);
        }
        // Words the old readers turned into a default (proposed, video,
        // private) or that a newer Trellis might write: errors now.
        assert!(read::<GoalStatus>("paused").is_err());
        assert!(read::<MeetingMode>("phone").is_err());
        assert!(read::<Visibility>("public").is_err());
        assert!(read::<TrashKind>("pair").is_err());
        assert!(read::<crate::sync::Side>("both").is_err());
        assert_eq!(
            read::<crate::sync::Side>("mine").unwrap(),
            crate::sync::Side::Mine
        );
        // A word is matched exactly: a stored value is never "cleaned up".
        assert!(read::<MeetingMode>("in-person").is_err());
        assert!(read::<GoalStatus>("Active").is_err());
    }

    #[test]
    fn a_value_is_stored_as_its_word() {
        let c = stored("x");
        c.execute("UPDATE t SET v = ?1", [Role::Mentor]).unwrap();
        let word: String = c.query_row("SELECT v FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(word, "mentor");
    }
}
