//! Who may do what: the one authorization table of gongkai, as data.
//!
//! Every use case of the application layer names the [`Permission`] it needs and the agency whose
//! data it touches; [`allows`] answers from the staff member's roles and the [`Relation`] between
//! their agency and that one. Nothing else in gongkai decides access. Relations to a record (the
//! author of an item, say) are checked by the use case after this table, with the record in hand.
//!
//! | permission | roles | reach |
//! |---|---|---|
#![doc = include_str!("policy_table.md")]
//!
//! "own" is the staff member's agency; "below" any agency under it in the tree; nobody reaches a
//! sibling, a parent or another branch. The command line acts as an operator of the machine and is
//! not asked (it is audited as such).

use super::access::Relation;
use super::role::{Role, Roles};

/// Where a permission reaches from the staff member's own agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Only the agency the account belongs to.
    Own,
    /// The own agency and every agency below it.
    OwnAndBelow,
    /// Only agencies strictly below (an agency's identity is changed from above).
    Below,
    /// The own agency, when it is the root of the tree (national data such as holiday files).
    OwnRoot,
}

impl Reach {
    fn admits(self, relation: Relation, own_is_root: bool) -> bool {
        match self {
            Reach::Own => relation == Relation::Own,
            Reach::OwnAndBelow => matches!(relation, Relation::Own | Relation::Below),
            Reach::Below => relation == Relation::Below,
            Reach::OwnRoot => relation == Relation::Own && own_is_root,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Reach::Own => "本单位",
            Reach::OwnAndBelow => "本单位及下级",
            Reach::Below => "下级单位",
            Reach::OwnRoot => "本单位（须为最上级单位）",
        }
    }
}

/// One row of the table: any of `roles`, within `reach`. `below_roles`, when set, narrows the
/// roles that count for agencies below (reading requests: handlers read their own agency's,
/// only supervisors and admins those below).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub roles: &'static [Role],
    pub reach: Reach,
    pub below_roles: Option<&'static [Role]>,
}

const fn rule(roles: &'static [Role], reach: Reach) -> Rule {
    Rule { roles, reach, below_roles: None }
}

use Role::{Admin, Approver, Drafter, Handler, Reviewer, SecrecyReviewer, Supervisor};

const ANY_ROLE: &[Role] = &[Admin, Drafter, SecrecyReviewer, Reviewer, Approver, Handler, Supervisor];
const OVERSIGHT: &[Role] = &[Admin, Supervisor];

macro_rules! permissions {
    ($($(#[$doc:meta])* $name:ident => $label:literal, $rule:expr;)*) => {
        /// Something a staff member asks to do; see the module table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Permission {
            $($(#[$doc])* $name,)*
        }

        impl Permission {
            pub const ALL: &'static [Permission] = &[$(Permission::$name,)*];

            /// The rule of this permission.
            pub fn rule(self) -> Rule {
                match self {
                    $(Permission::$name => $rule,)*
                }
            }

            /// What the permission allows, in Chinese (403 pages, the API's errors).
            pub fn label(self) -> &'static str {
                match self {
                    $(Permission::$name => $label,)*
                }
            }
        }
    };
}

permissions! {
    /// The agency's page, settings and contact details as stored.
    ReadAgency => "查看单位信息", Rule { roles: ANY_ROLE, reach: Reach::OwnAndBelow, below_roles: Some(OVERSIGHT) };
    /// Contact details, guide notes, site code.
    EditAgencyDetails => "修改单位联系信息", rule(&[Admin], Reach::OwnAndBelow);
    /// Name, credit code, level and parent: only an administrator above the agency.
    ChangeAgencyIdentity => "修改单位名称、代码、层级或上级", rule(&[Admin], Reach::Below);
    /// A new agency under the target.
    CreateChildAgency => "新增下级单位", rule(&[Admin], Reach::OwnAndBelow);
    ReadStaff => "查看工作人员", Rule { roles: ANY_ROLE, reach: Reach::OwnAndBelow, below_roles: Some(OVERSIGHT) };
    ManageStaff => "管理工作人员账号", rule(&[Admin], Reach::OwnAndBelow);
    /// A personal token of the staff API, for oneself, signed in to the console (the use case
    /// also checks that the account is the principal's own and not reached through a token).
    IssueApiTokens => "签发个人接口令牌", rule(ANY_ROLE, Reach::Own);
    /// The console's catalogue: drafts, items in review, published items.
    ReadItems => "查看主动公开信息", Rule { roles: ANY_ROLE, reach: Reach::OwnAndBelow, below_roles: Some(OVERSIGHT) };
    DraftItems => "起草和修改信息", rule(&[Drafter, Admin], Reach::Own);
    /// A drafter submits their own items; an administrator any item of the agency.
    SubmitItems => "提交保密审查", rule(&[Drafter, Admin], Reach::Own);
    /// Pass or return an item at 保密审查.
    PassSecrecyReview => "保密审查", rule(&[SecrecyReviewer], Reach::Own);
    /// Pass or return an item at 审核.
    PassContentReview => "审核", rule(&[Reviewer], Reach::Own);
    /// Sign off or return an item at 签发.
    SignOffItems => "签发", rule(&[Approver], Reach::Own);
    WithdrawItems => "撤回已发布信息", rule(&[Approver, Admin], Reach::Own);
    /// A drafter revises their own items; an administrator any item of the agency.
    ReviseItems => "修订已发布信息", rule(&[Drafter, Admin], Reach::Own);
    ImportItems => "批量导入信息", rule(&[Admin], Reach::Own);
    ReadRequests => "查看依申请公开", Rule { roles: &[Handler, Approver, Admin, Supervisor], reach: Reach::OwnAndBelow, below_roles: Some(OVERSIGHT) };
    RegisterRequests => "登记申请", rule(&[Handler, Admin], Reach::Own);
    HandleRequests => "办理申请", rule(&[Handler, Admin], Reach::Own);
    /// Art. 33: the head of the disclosure office approves an extension (the sign-off role).
    ApproveExtensions => "批准延期答复", rule(&[Approver, Admin], Reach::Own);
    /// 督办 from the agency itself or from above.
    SuperviseRequests => "督办", rule(OVERSIGHT, Reach::OwnAndBelow);
    EditLetterTemplates => "修改答复书模板", rule(&[Admin], Reach::Own);
    RecordAppeals => "登记行政复议、行政诉讼", rule(&[Handler, Admin], Reach::Own);
    ReadMessages => "查看咨询和投诉", Rule { roles: &[Handler, Approver, Admin, Supervisor], reach: Reach::OwnAndBelow, below_roles: Some(OVERSIGHT) };
    ReplyMessages => "答复咨询和投诉", rule(&[Handler, Admin], Reach::Own);
    ImportLedger => "导入申请台账", rule(&[Admin], Reach::Own);
    ReadReport => "查看年度报告", Rule { roles: ANY_ROLE, reach: Reach::OwnAndBelow, below_roles: Some(OVERSIGHT) };
    EditReport => "编辑年度报告", Rule { roles: &[Admin, Drafter, Handler, Approver], reach: Reach::OwnAndBelow, below_roles: Some(&[Admin]) };
    PublishReport => "发布和更正年度报告", Rule { roles: &[Admin, Approver], reach: Reach::OwnAndBelow, below_roles: Some(&[Admin]) };
    ReadSupervision => "查看监督统计", rule(OVERSIGHT, Reach::OwnAndBelow);
    AuditPublishedReports => "审查已发布的年度报告", rule(OVERSIGHT, Reach::Own);
    ReadAuditLog => "查看审计日志", rule(OVERSIGHT, Reach::OwnAndBelow);
    EditCalendar => "设置本地工作日调整", rule(&[Admin], Reach::Own);
    LoadHolidayYear => "载入年度节假日安排", rule(&[Admin], Reach::OwnRoot);
}

/// Whether a staff member holding `roles`, whose agency relates to the target as `relation`,
/// has `permission` there. `own_is_root`: the staff member's agency has no parent.
pub fn allows(permission: Permission, roles: &Roles, relation: Relation, own_is_root: bool) -> bool {
    let rule = permission.rule();
    if !rule.reach.admits(relation, own_is_root) {
        return false;
    }
    let roles_needed = match (relation, rule.below_roles) {
        (Relation::Below, Some(narrower)) => narrower,
        _ => rule.roles,
    };
    roles_needed.iter().any(|r| roles.contains(*r))
}

/// Who holds `permission`, in Chinese (`须为本单位的依申请经办或管理员`), for refusals.
pub fn who_may(permission: Permission) -> String {
    let rule = permission.rule();
    let roles = rule.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("或");
    format!("须为{}的{roles}", rule.reach.label())
}

/// The table as Markdown rows (`| permission | roles | reach |`), for the docs and the console's
/// account page.
pub fn table_rows() -> Vec<String> {
    Permission::ALL
        .iter()
        .map(|p| {
            let rule = p.rule();
            let roles = rule.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("、");
            let below = match rule.below_roles {
                Some(b) => format!("（下级单位仅{}）", b.iter().map(|r| r.label()).collect::<Vec<_>>().join("、")),
                None => String::new(),
            };
            format!("| {} `{:?}` | {roles} | {}{below} |", p.label(), p, rule.reach.label())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> Roles {
        Roles::new(r.to_vec())
    }

    #[test]
    fn nobody_reaches_outside_their_subtree() {
        for p in Permission::ALL {
            assert!(!allows(*p, &roles(&Role::ALL), Relation::Outside, true), "{p:?}");
        }
    }

    #[test]
    fn a_supervisor_reads_below_but_never_handles() {
        let s = roles(&[Supervisor]);
        assert!(allows(Permission::ReadRequests, &s, Relation::Below, false));
        assert!(allows(Permission::SuperviseRequests, &s, Relation::Below, false));
        assert!(!allows(Permission::HandleRequests, &s, Relation::Below, false));
        assert!(!allows(Permission::HandleRequests, &s, Relation::Own, false));
        assert!(!allows(Permission::EditAgencyDetails, &s, Relation::Own, false));
    }

    #[test]
    fn a_handler_reads_only_their_own_agencys_requests() {
        let h = roles(&[Handler]);
        assert!(allows(Permission::ReadRequests, &h, Relation::Own, false));
        assert!(!allows(Permission::ReadRequests, &h, Relation::Below, false));
        assert!(!allows(Permission::ApproveExtensions, &h, Relation::Own, false));
    }

    #[test]
    fn an_agency_cannot_change_its_own_identity() {
        let a = roles(&[Admin]);
        assert!(!allows(Permission::ChangeAgencyIdentity, &a, Relation::Own, false));
        assert!(allows(Permission::ChangeAgencyIdentity, &a, Relation::Below, false));
        assert!(allows(Permission::EditAgencyDetails, &a, Relation::Own, false));
    }

    #[test]
    fn holiday_years_are_loaded_only_at_the_root() {
        let a = roles(&[Admin]);
        assert!(allows(Permission::LoadHolidayYear, &a, Relation::Own, true));
        assert!(!allows(Permission::LoadHolidayYear, &a, Relation::Own, false));
    }

    #[test]
    #[ignore = "prints the table for policy_table.md"]
    fn print_the_table() {
        println!("{}", table_rows().join("\n"));
    }

    #[test]
    fn the_documented_table_is_the_table() {
        let doc: Vec<&str> = include_str!("policy_table.md").lines().collect();
        assert_eq!(doc, table_rows(), "policy_table.md differs from the table: print table_rows() into it");
    }
}
