//! Agencies and staff as pure rules: the identifiers they carry and who may do what.
//!
//! - [`credit_code`]: 统一社会信用代码 (GB 32100-2015) parsing with its check character.
//! - [`level`]: where an agency sits in the tree (province … township / department).
//! - [`role`]: staff roles and their Chinese names.
//! - [`mod@access`]: how two agencies relate in the tree (own, below, outside).
//! - [`policy`]: the one authorization table: which roles may do what, how far down the tree.

pub mod access;
pub mod credit_code;
pub mod level;
pub mod policy;
pub mod role;

pub use access::{Access, Relation, access};
pub use credit_code::CreditCode;
pub use level::Level;
pub use policy::{Permission, allows};
pub use role::{Role, Roles};
