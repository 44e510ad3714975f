//! Which side of a mentorship someone is on: mentor or mentee. My role is
//! stored with the pair; the partner's is its other one ([`Role::partner`]).

use serde::{Deserialize, Serialize};

use crate::{Error, Reason, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Mentor,
    Mentee,
}

crate::sql_enum::sql_enum!(Role {
    Mentor => "mentor",
    Mentee => "mentee",
});

impl Role {
    pub fn partner(self) -> Role {
        match self {
            Role::Mentor => Role::Mentee,
            Role::Mentee => Role::Mentor,
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mentor" => Ok(Role::Mentor),
            "mentee" => Ok(Role::Mentee),
            _ => Err(Error::invalid(
                field,
                Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: ["mentor", "mentee"].map(String::from).to_vec(),
                },
            )),
        }
    }
}
