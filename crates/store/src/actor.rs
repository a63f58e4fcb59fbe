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

impl Actor {
    /// The actor as a log reads it back.
    pub fn stored(&self) -> StoredActor {
        match self {
            Actor::Staff { id, username, .. } => StoredActor::Staff { id: *id, username: username.clone() },
            Actor::Cli => StoredActor::Cli,
            Actor::Public => StoredActor::Public,
            Actor::System => StoredActor::System,
        }
    }
}

/// An actor as read back from a log (`staff:6:handler`, `cli`, `public`, `system`): staff by id
/// and user name, so a page can show the person's name and roles ([`crate::staff::names`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StoredActor {
    Staff { id: i64, username: String },
    Cli,
    Public,
    System,
}

impl StoredActor {
    /// Reads the stored form; None for anything else.
    pub fn parse(stored: &str) -> Option<StoredActor> {
        match stored {
            "cli" => Some(StoredActor::Cli),
            "public" => Some(StoredActor::Public),
            "system" => Some(StoredActor::System),
            _ => {
                let rest = stored.strip_prefix("staff:")?;
                let (id, username) = rest.split_once(':')?;
                Some(StoredActor::Staff { id: id.parse().ok()?, username: username.to_owned() })
            }
        }
    }

    /// The staff id, for a name lookup.
    pub fn staff_id(&self) -> Option<i64> {
        match self {
            StoredActor::Staff { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// How a page names this actor, given the names of staff (`张三（经办人）`) by id; a staff
    /// member no longer found is named by their user name.
    pub fn label(&self, staff_names: &std::collections::HashMap<i64, String>) -> String {
        match self {
            StoredActor::Staff { id, username } => staff_names.get(id).cloned().unwrap_or_else(|| username.clone()),
            StoredActor::Cli => "命令行操作员".into(),
            StoredActor::Public => "申请人（网上）".into(),
            StoredActor::System => "系统".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_actors_read_back() {
        assert_eq!(
            StoredActor::parse("staff:6:handler"),
            Some(StoredActor::Staff { id: 6, username: "handler".into() })
        );
        assert_eq!(StoredActor::parse("cli"), Some(StoredActor::Cli));
        assert_eq!(StoredActor::parse("staff:x:y"), None);
        assert_eq!(StoredActor::parse("root"), None);
        let names = std::collections::HashMap::from([(6, "刘洋（依申请经办）".to_owned())]);
        assert_eq!(StoredActor::parse("staff:6:handler").unwrap().label(&names), "刘洋（依申请经办）");
    }
}
