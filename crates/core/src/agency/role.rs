//! Staff roles. A staff account belongs to one agency and holds one or more roles.

use std::fmt;
use std::str::FromStr;

/// What a staff member may do in their agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages the agency, its subtree, and their staff.
    Admin,
    /// 起草: drafts catalogue items.
    Drafter,
    /// 保密审查: secrecy review before publication.
    SecrecyReviewer,
    /// 审核: content review.
    Reviewer,
    /// 签发: sign-off.
    Approver,
    /// 依申请经办: handles disclosure requests.
    Handler,
    /// Reads (never changes) the agency's subtree.
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Drafter,
        Role::SecrecyReviewer,
        Role::Reviewer,
        Role::Approver,
        Role::Handler,
        Role::Supervisor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Drafter => "drafter",
            Role::SecrecyReviewer => "secrecy_reviewer",
            Role::Reviewer => "reviewer",
            Role::Approver => "approver",
            Role::Handler => "handler",
            Role::Supervisor => "supervisor",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Drafter => "起草",
            Role::SecrecyReviewer => "保密审查",
            Role::Reviewer => "审核",
            Role::Approver => "签发",
            Role::Handler => "依申请经办",
            Role::Supervisor => "监督",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| format!("未知的角色“{}”，可选：{}", s.trim(), Role::ALL.map(|r| r.as_str()).join("、")))
    }
}

/// A set of roles, stored as a comma-separated list (`admin,handler`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        Self(roles)
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Chinese labels joined for display (`管理员、监督`).
    pub fn labels(&self) -> String {
        self.0.iter().map(|r| r.label()).collect::<Vec<_>>().join("、")
    }

    pub fn to_stored(&self) -> String {
        self.0.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
    }

    /// Parses the stored form; any unknown role is an error.
    pub fn from_stored(s: &str) -> Result<Self, String> {
        let roles = s.split(',').filter(|p| !p.trim().is_empty()).map(Role::from_str).collect::<Result<Vec<_>, _>>()?;
        Ok(Self::new(roles))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_form() {
        let roles = Roles::new(vec![Role::Supervisor, Role::Admin, Role::Admin]);
        assert_eq!(roles.to_stored(), "admin,supervisor");
        assert_eq!(Roles::from_stored("admin,supervisor").unwrap(), roles);
        assert_eq!(roles.labels(), "管理员、监督");
    }

    #[test]
    fn an_unknown_role_is_refused_with_the_choices() {
        let err = Roles::from_stored("admin,root").unwrap_err();
        assert!(err.starts_with("未知的角色“root”"), "{err}");
    }
}
