//! The information processing fee of one request (信息处理费, 国办函〔2020〕109号): the schedule
//! in force on the receipt day, applied per item over the applicant's requests in the month, or
//! per page. The arithmetic is `gongkai_core::request::fee`; this module finds the facts.

use gongkai_core::field::FieldErrors;
use gongkai_core::request::fee::{self, Basis, FeeSchedule};

use super::row::Request;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

/// How many requests the same applicant (same ID type and number) made to the same agency
/// earlier in the calendar month `r` was submitted in: the "prior" count of the per-item fee
/// (同一申请人一个自然月内累计申请, 国办函〔2020〕109号 Art. 4).
pub async fn earlier_in_month(db: &Db, r: &Request) -> Result<u32> {
    let month = format!("{:04}-{:02}", r.submitted_on.year(), u8::from(r.submitted_on.month()));
    let n: i64 = sqlx::query_scalar(
        "select cast(count(*) as bigint) from requests where agency_id = $1 and id_type = $2 and id_number = $3
         and substr(submitted_on, 1, 7) = $4 and id < $5",
    )
    .bind(r.agency_id)
    .bind(r.id_type.key())
    .bind(&r.id_number)
    .bind(month)
    .bind(r.id)
    .fetch_one(db.reader())
    .await?;
    Ok(n as u32)
}

/// The fee of `r` by `basis` (`per_item` or `per_page`) for `count` items or pages, and the
/// sentence a fee notice states as its basis.
pub async fn calculate(db: &Db, r: &Request, basis: &str, count: &str) -> Result<(u64, String)> {
    let count: u32 =
        count.trim().parse().map_err(|_| Error::field("fee_count", "件数或页数", "件数或页数应为正整数"))?;
    let received = r.received_on.unwrap_or_else(timestamp::today_in_china);
    let schedule = FeeSchedule::in_force_on(received)
        .ok_or_else(|| Error::field("fee_basis", "计费方式", "收到申请之日没有适用的收费标准"))?;
    let basis = match basis {
        "per_item" => Basis::PerItem { prior_in_month: earlier_in_month(db, r).await?, items: count },
        "per_page" => Basis::PerPage { pages: count },
        _ => return Err(Error::field("fee_basis", "计费方式", "请选择按件或按量计收")),
    };
    let fee = fee::fee(schedule, basis).map_err(|e| Error::Invalid(FieldErrors(vec![e])))?;
    Ok((fee.amount_yuan, format!("{}：{}", schedule.name_zh, fee.explanation_zh())))
}
