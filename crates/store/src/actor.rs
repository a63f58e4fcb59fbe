//! Who performs an action, as recorded in the audit log.

use std::fmt;

use gongkai_core::agency::Roles;

/// The author of a state change.
#[derive(Debug, Clone)]
pub enum Actor {
    /// A logged-in staff member.
    Staff { id: i64, username: String, agency_id: i64, roles: Roles },
    /// An operator at the command line (`gongkai agency add`, `gongkai demo` …).
    Cli,
    /// A member of the public (an online request, an enquiry).
    Public,
    /// gongkai itself (a scheduled publication coming due).
    System,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Staff { id, username, .. } => write!(f, "staff:{id}:{username}"),
            Actor::Cli => f.write_str("cli"),
            Actor::Public => f.write_str("public"),
            Actor::System => f.write_str("system"),
        }
    }
}
