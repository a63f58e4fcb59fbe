//! The access rule: what a staff member may do to the data of an agency.
//!
//! Every admin route asks this one function, with the relation between the staff member's agency
//! and the agency whose data is touched. The rule:
//!
//! | role | own agency | agency below it | any other agency |
//! |---|---|---|---|
//! | `admin` | read + write | read + write | none |
//! | `supervisor` | read | read | none |
//! | other roles | read (own agency's settings and staff list) | none | none |
//!
//! Management actions (agency settings, staff accounts) need [`Access::Write`]; the other roles
//! act on their own work items through their own domain checks, not through agency management.

use super::role::{Role, Roles};

/// How the target agency relates to the staff member's own agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same agency.
    Own,
    /// A strict descendant in the agency tree.
    Below,
    /// Anything else: a sibling, a parent, another branch.
    Outside,
}

impl Relation {
    /// The relation between two agencies given their materialised tree paths (`/1/4/`, `/1/4/9/`).
    pub fn between(actor_path: &str, target_path: &str) -> Relation {
        if actor_path == target_path {
            Relation::Own
        } else if !actor_path.is_empty() && target_path.starts_with(actor_path) {
            Relation::Below
        } else {
            Relation::Outside
        }
    }
}

/// What is allowed, ordered: `None < Read < Write`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    None,
    Read,
    Write,
}

/// Management access of a staff member holding `roles` to an agency in `relation`.
pub fn access(roles: &Roles, relation: Relation) -> Access {
    if relation == Relation::Outside {
        return Access::None;
    }
    if roles.contains(Role::Admin) {
        return Access::Write;
    }
    if roles.contains(Role::Supervisor) {
        return Access::Read;
    }
    match relation {
        Relation::Own => Access::Read,
        _ => Access::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> Roles {
        Roles::new(r.to_vec())
    }

    #[test]
    fn relations_follow_the_tree_paths() {
        assert_eq!(Relation::between("/1/", "/1/"), Relation::Own);
        assert_eq!(Relation::between("/1/", "/1/4/9/"), Relation::Below);
        assert_eq!(Relation::between("/1/4/", "/1/"), Relation::Outside);
        assert_eq!(Relation::between("/1/4/", "/1/5/"), Relation::Outside);
        // '/1/4/' is not a prefix of '/1/45/' even though "1/4" is of "1/45".
        assert_eq!(Relation::between("/1/4/", "/1/45/"), Relation::Outside);
        assert_eq!(Relation::between("", "/1/"), Relation::Outside);
    }

    #[test]
    fn nobody_reaches_outside_their_subtree() {
        for role in Role::ALL {
            assert_eq!(access(&roles(&[role]), Relation::Outside), Access::None, "{role}");
        }
    }

    #[test]
    fn a_supervisor_reads_but_never_writes_below() {
        assert_eq!(access(&roles(&[Role::Supervisor]), Relation::Below), Access::Read);
        assert_eq!(access(&roles(&[Role::Supervisor]), Relation::Own), Access::Read);
    }

    #[test]
    fn an_admin_writes_own_and_below() {
        assert_eq!(access(&roles(&[Role::Admin]), Relation::Own), Access::Write);
        assert_eq!(access(&roles(&[Role::Admin, Role::Supervisor]), Relation::Below), Access::Write);
    }

    #[test]
    fn working_roles_only_read_their_own_agency() {
        for role in [Role::Drafter, Role::SecrecyReviewer, Role::Reviewer, Role::Approver, Role::Handler] {
            assert_eq!(access(&roles(&[role]), Relation::Own), Access::Read);
            assert_eq!(access(&roles(&[role]), Relation::Below), Access::None);
        }
    }
}
