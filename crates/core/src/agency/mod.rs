//! Agencies and staff as pure rules: the identifiers they carry and who may do what.
//!
//! - [`credit_code`]: 统一社会信用代码 (GB 32100-2015) parsing with its check character.
//! - [`level`]: where an agency sits in the tree (province … township / department).
//! - [`role`]: staff roles and their Chinese names.
//! - [`mod@access`]: the single rule deciding read/write access of a staff member to an agency.

pub mod access;
pub mod credit_code;
pub mod level;
pub mod role;

pub use access::{Access, Relation, access};
pub use credit_code::CreditCode;
pub use level::Level;
pub use role::{Role, Roles};
