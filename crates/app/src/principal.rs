//! Who acts: a staff member (through a console session or an API token), the operator at the
//! command line, a member of the public, or gongkai itself. Every use case takes a
//! [`Principal`] and asks it, through [`Principal::authorize`], whether it may act on an agency:
//! the one call into the authorization table ([`gongkai_core::agency::policy`]).

use gongkai_core::agency::policy::{self, Permission};
use gongkai_core::agency::{Relation, Role};
use gongkai_store::agency::Agency;
use gongkai_store::staff::Staff;
use gongkai_store::{Actor, Error, Result};

/// How a staff member reached gongkai.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A console session (cookie).
    Session,
    /// A personal API token (`Authorization: Bearer`), id `token_id`.
    Token { token_id: i64 },
}

/// A signed-in staff member with their agency.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub staff: Staff,
    pub agency: Agency,
    pub via: Via,
}

impl StaffMember {
    /// How `target` relates to this member's agency.
    pub fn relation_to(&self, target: &Agency) -> Relation {
        Relation::between(&self.agency.path, &target.path)
    }

    pub fn has(&self, role: Role) -> bool {
        self.staff.roles.contains(role)
    }

    /// `张三（经办人）`: how people and records name this member.
    pub fn name_with_roles(&self) -> String {
        format!("{}（{}）", self.staff.display_name, self.staff.roles.labels())
    }
}

/// Who performs a use case. (Built once per request and passed by reference: the size of the
/// staff variant costs nothing worth a box.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Principal {
    Staff(StaffMember),
    /// The operator at the command line: the machine's owner, audited as such, never asked.
    Operator,
    /// A member of the public (an online request, an enquiry): no agency's data.
    Public,
    /// gongkai's own jobs (scheduled publication, reminders).
    System,
}

impl Principal {
    /// The author recorded in the audit log and the event logs.
    pub fn actor(&self) -> Actor {
        match self {
            Principal::Staff(m) => m.staff.actor(),
            Principal::Operator => Actor::Cli,
            Principal::Public => Actor::Public,
            Principal::System => Actor::System,
        }
    }

    /// The staff member, if one acts.
    pub fn staff(&self) -> Option<&StaffMember> {
        match self {
            Principal::Staff(m) => Some(m),
            _ => None,
        }
    }

    /// The name written into events that name a person (an extension's approver, a 督办).
    pub fn display_name(&self) -> String {
        match self {
            Principal::Staff(m) => m.name_with_roles(),
            Principal::Operator => "命令行操作员".into(),
            Principal::Public => "申请人".into(),
            Principal::System => "系统".into(),
        }
    }

    /// Whether this principal has `permission` on `target`'s data.
    pub fn may(&self, permission: Permission, target: &Agency) -> bool {
        match self {
            Principal::Staff(m) => {
                policy::allows(permission, &m.staff.roles, m.relation_to(target), m.agency.parent_id.is_none())
            }
            Principal::Operator | Principal::System => true,
            Principal::Public => false,
        }
    }

    /// Refuses with [`Error::Denied`] (a 403 naming the permission) unless [`Principal::may`].
    pub fn authorize(&self, permission: Permission, target: &Agency) -> Result<()> {
        if self.may(permission, target) { Ok(()) } else { Err(Error::Denied(permission)) }
    }
}
