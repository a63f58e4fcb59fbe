//! 信息处理费 (information processing fee): the amount a fee notice asks for, and how it was
//! computed. Implements 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) Art. 3–5 under
//! Art. 42 of the regulation (spec regulation-and-formats.md §4).
//!
//! Owns the tiers as versioned data ([`FeeSchedule`]) and the excess-progressive (超额累进)
//! computation. One request is charged by exactly one basis (Art. 3 "不得同时按照两种标准重复计算"),
//! which [`Basis`] makes the only possibility:
//! - 按件计收 (Art. 4): the n-th application of the same applicant in a calendar month costs 0 for
//!   n ≤ 10, 100 yuan for 11–30, then 100 yuan more per started band of 10 (31–40: 200, 41–50: 300 …);
//! - 按量计收 (Art. 5): pages 1–30 free, 31–100 at 10 yuan, 101–200 at 20 yuan, from 201 at 40 yuan
//!   per page, each price applying only to the pages inside its band.
//!
//! Amounts are whole yuan in `u64`. Counting the applicant's earlier applications in the month,
//! splitting an application by "一事一申请", and turning electronic data into pages are the
//! caller's job (the counting unit for pages is not verified, spec §4). Exemptions (减免) are not
//! modelled: no national text on them was read.
//!
//! The procedure is data too: the period to pay ([`payment_due`]) and whether waiting for the
//! payment stops the reply clock ([`FeeSchedule::pauses_reply_clock`]), each with its source.

use time::Date;
use time::macros::date;

use crate::calendar::{Calendar, CalendarError};
use crate::field::FieldError;

/// The highest n-th application in one month that [`fee`] computes. A sanity bound far above any
/// real case; it keeps the list of lines short (one line per band of 10).
pub const MAX_ITEMS_IN_MONTH: u32 = 10_000;

/// The per-application tiers (按件计收): prices of the n-th application in a calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerItemTiers {
    /// Applications that are free (10: "10件以下(含10件)的，不收费").
    pub free_up_to: u32,
    /// Last application charged at `base_price` (30: "11—30件(含30件)的部分").
    pub base_up_to: u32,
    /// Yuan per application from `free_up_to + 1` to `base_up_to` (100).
    pub base_price: u64,
    /// Applications per further band ("以10件为一档").
    pub band_size: u32,
    /// Yuan added to the price with each further band ("每增加一档，收费标准提高100元/件").
    pub band_step: u64,
}

impl PerItemTiers {
    /// The price in yuan of the n-th application (counted from 1) in the month.
    pub fn price_of_nth(&self, n: u32) -> u64 {
        self.band_of(n).1
    }

    /// The last n of the band that holds `n`, and the price in that band.
    fn band_of(&self, n: u32) -> (u32, u64) {
        if n <= self.free_up_to {
            (self.free_up_to, 0)
        } else if n <= self.base_up_to {
            (self.base_up_to, self.base_price)
        } else {
            let bands = (n - self.base_up_to - 1) / self.band_size + 1;
            let end = self.base_up_to.saturating_add(bands.saturating_mul(self.band_size));
            (end, self.base_price + self.band_step.saturating_mul(u64::from(bands)))
        }
    }
}

/// One band of the per-page tiers (按量计收): pages `from..=to` cost `unit_price` yuan each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageTier {
    /// First page of the band (counted from 1).
    pub from: u32,
    /// Last page of the band; `None` for the open top band.
    pub to: Option<u32>,
    /// Yuan per page inside the band.
    pub unit_price: u64,
}

/// One version of the fee standard, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeSchedule {
    /// English name, for logs and errors.
    pub name: &'static str,
    /// Chinese name with the document number, cited in fee notices.
    pub name_zh: &'static str,
    /// First day the version applies to.
    pub effective_from: Date,
    /// The per-application tiers.
    pub per_item: PerItemTiers,
    /// The per-page bands, in page order, starting at page 1 and ending with an open band.
    pub per_page: &'static [PageTier],
    /// Working days the applicant has to pay, counted from the day after the notice is received
    /// ("收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请").
    pub payment_workdays: u32,
    /// Whether the days from the notice to the payment are left out of the reply period, as the
    /// days of a consultation are (the reply clock stands still while the applicant pays).
    pub pauses_reply_clock: bool,
    /// Where the procedure above comes from, and how sure it is.
    pub procedure_source: &'static str,
}

impl FeeSchedule {
    /// 国办函〔2020〕109号, dated 2020-11-17. The effective date 2021-01-01 is an assumption: the
    /// articles after Art. 5 (which would state it) were not read (spec §4 and §8 item 2). It is
    /// data, so correct it here once verified.
    pub const GUOBANHAN_2020_109: FeeSchedule = FeeSchedule {
        name: "Measures on information processing fees (Guobanhan [2020] No. 109)",
        name_zh: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        effective_from: date!(2021 - 01 - 01),
        per_item: PerItemTiers { free_up_to: 10, base_up_to: 30, base_price: 100, band_size: 10, band_step: 100 },
        per_page: &[
            PageTier { from: 1, to: Some(30), unit_price: 0 },
            PageTier { from: 31, to: Some(100), unit_price: 10 },
            PageTier { from: 101, to: Some(200), unit_price: 20 },
            PageTier { from: 201, to: None, unit_price: 40 },
        ],
        payment_workdays: 20,
        pauses_reply_clock: true,
        procedure_source: "收费通知须在答复期限内发出并写明收费依据、标准、数额和缴纳方式，申请人自收到通知次日起20个工作日内缴纳，\
            逾期视为放弃申请：据四川省财政厅、发展改革委2021年1月18日转发通知（与国办函〔2020〕109号第六条同文的地方文本，\
            国家原文第六条以后未能查阅）；自发出收费通知至缴费之日不计入答复期限：据国办函〔2020〕109号第七条的记忆文本，\
            未能核对原文，如有出入请在此更正。",
    };

    /// Every version, oldest first.
    pub const VERSIONS: &'static [FeeSchedule] = &[Self::GUOBANHAN_2020_109];

    /// The version in force on `date` (the caller chooses which date: the day the application
    /// was received is the natural choice, as for the deadline rules), or `None` before the first.
    pub fn in_force_on(date: Date) -> Option<&'static FeeSchedule> {
        Self::VERSIONS.iter().rev().find(|s| s.effective_from <= date)
    }
}

/// The last day to pay a fee notice issued on `notified`: [`FeeSchedule::payment_workdays`]
/// working days from the day after, read on the agency's calendar, provisionally (with next
/// year's holidays estimated) when the notice is not published yet. The notice is taken as
/// received the day it is issued (sent by the portal, mail or SMS the same day); a handler who
/// posts it may give a later day.
pub fn payment_due(cal: &Calendar, schedule: &FeeSchedule, notified: Date) -> Result<(Date, bool), CalendarError> {
    match cal.add_workdays(notified, schedule.payment_workdays) {
        Ok(day) => Ok((day, cal.is_estimated(day.year()))),
        Err(CalendarError::YearNotCovered { year })
            if cal.covered_years().last().is_some_and(|last| year == last + 1) =>
        {
            let estimated = cal.with_estimates(year..=year)?;
            Ok((estimated.add_workdays(notified, schedule.payment_workdays)?, true))
        }
        Err(e) => Err(e),
    }
}

/// What one request is charged by: exactly one of the two bases of Art. 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum Basis {
    /// 按件计收 (Art. 4): `items` applications (after "一事一申请" splitting) following
    /// `prior_in_month` earlier ones of the same applicant in the same calendar month.
    PerItem { prior_in_month: u32, items: u32 },
    /// 按量计收 (Art. 5): `pages` pages provided.
    PerPage { pages: u32 },
}

/// One line of the computation: units `from..=to` at `unit_price` yuan each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FeeLine {
    /// First unit (n-th application of the month, or page) of the line.
    pub from: u32,
    /// Last unit of the line.
    pub to: u32,
    /// Yuan per unit (0 in a free band).
    pub unit_price: u64,
    /// Number of units (`to - from + 1`).
    pub count: u32,
    /// `unit_price × count`, in yuan.
    pub subtotal: u64,
}

/// The fee of one request, with the lines a fee notice shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fee {
    /// The basis it was computed on.
    pub basis: Basis,
    /// The total, in whole yuan.
    pub amount_yuan: u64,
    /// One line per band touched, in order; the sum of the subtotals is `amount_yuan`.
    pub lines: Vec<FeeLine>,
}

impl Fee {
    /// A one-line Chinese explanation for the fee notice, e.g.
    /// "按件计收：本月第1—10件不收费；第11—30件每件100元，共20件2000元；…；合计3000元。".
    pub fn explanation_zh(&self) -> String {
        let (head, unit, month) = match self.basis {
            Basis::PerItem { .. } => ("按件计收", "件", "本月"),
            Basis::PerPage { .. } => ("按量计收", "页", ""),
        };
        let parts: Vec<String> = self
            .lines
            .iter()
            .map(|l| {
                let range = if l.from == l.to {
                    format!("第{}{unit}", l.from)
                } else {
                    format!("第{}—{}{unit}", l.from, l.to)
                };
                if l.unit_price == 0 {
                    format!("{range}不收费")
                } else {
                    format!("{range}每{unit}{}元，共{}{unit}{}元", l.unit_price, l.count, l.subtotal)
                }
            })
            .collect();
        format!("{head}：{month}{}；合计{}元。", parts.join("；"), self.amount_yuan)
    }
}

/// Computes the fee of one request under `schedule`. Refuses 0 items, 0 pages, and a month total
/// above [`MAX_ITEMS_IN_MONTH`].
pub fn fee(schedule: &FeeSchedule, basis: Basis) -> Result<Fee, FieldError> {
    let lines = match basis {
        Basis::PerItem { prior_in_month, items } => per_item_lines(&schedule.per_item, prior_in_month, items)?,
        Basis::PerPage { pages } => per_page_lines(schedule.per_page, pages)?,
    };
    let amount_yuan = lines.iter().map(|l| l.subtotal).sum();
    Ok(Fee { basis, amount_yuan, lines })
}

fn line(from: u32, to: u32, unit_price: u64) -> FeeLine {
    let count = to - from + 1;
    FeeLine { from, to, unit_price, count, subtotal: unit_price * u64::from(count) }
}

fn per_item_lines(tiers: &PerItemTiers, prior: u32, items: u32) -> Result<Vec<FeeLine>, FieldError> {
    const FIELD: &str = "items";
    const LABEL: &str = "件数";
    if items == 0 {
        return Err(FieldError::new(FIELD, LABEL, format!("{LABEL}应至少为1件")));
    }
    let last = prior.checked_add(items).filter(|n| *n <= MAX_ITEMS_IN_MONTH).ok_or_else(|| {
        FieldError::new(
            FIELD,
            LABEL,
            format!(
                "本月累计申请件数（{}件）超出可计算范围（最多{MAX_ITEMS_IN_MONTH}件）",
                u64::from(prior) + u64::from(items)
            ),
        )
    })?;
    let mut lines = Vec::new();
    let mut n = prior + 1;
    while n <= last {
        let (band_end, price) = tiers.band_of(n);
        let to = band_end.min(last);
        lines.push(line(n, to, price));
        n = to + 1;
    }
    Ok(lines)
}

fn per_page_lines(tiers: &[PageTier], pages: u32) -> Result<Vec<FeeLine>, FieldError> {
    if pages == 0 {
        return Err(FieldError::new("pages", "页数", "页数应至少为1页"));
    }
    Ok(tiers
        .iter()
        .take_while(|t| t.from <= pages)
        .map(|t| line(t.from, t.to.map_or(pages, |to| to.min(pages)), t.unit_price))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &FeeSchedule = &FeeSchedule::GUOBANHAN_2020_109;

    fn items(prior_in_month: u32, items: u32) -> u64 {
        fee(S, Basis::PerItem { prior_in_month, items }).unwrap().amount_yuan
    }

    fn pages(pages: u32) -> u64 {
        fee(S, Basis::PerPage { pages }).unwrap().amount_yuan
    }

    #[test]
    fn the_nth_application_costs_the_price_of_its_band() {
        let t = S.per_item;
        let prices: Vec<u64> = [1, 10, 11, 30, 31, 40, 41, 50, 51].map(|n| t.price_of_nth(n)).to_vec();
        assert_eq!(prices, [0, 0, 100, 100, 200, 200, 300, 300, 400]);
        // Charged alone after n − 1 earlier applications, the n-th costs the same.
        assert_eq!([10, 11, 30, 31, 40, 41].map(|n| items(n - 1, 1)), [0, 100, 100, 200, 200, 300]);
    }

    #[test]
    fn monthly_totals_at_the_band_boundaries() {
        assert_eq!([10, 11, 30, 31, 40, 41].map(|n| items(0, n)), [0, 100, 2000, 2200, 4000, 4300]);
    }

    #[test]
    fn thirty_five_applications_in_a_month_cost_three_thousand_yuan() {
        // Spec §4: 20 × 100 + 5 × 200.
        let f = fee(S, Basis::PerItem { prior_in_month: 0, items: 35 }).unwrap();
        assert_eq!(f.amount_yuan, 3000);
        assert_eq!(f.lines, vec![line(1, 10, 0), line(11, 30, 100), line(31, 35, 200)]);
        assert_eq!(
            f.explanation_zh(),
            "按件计收：本月第1—10件不收费；第11—30件每件100元，共20件2000元；第31—35件每件200元，共5件1000元；合计3000元。"
        );
    }

    #[test]
    fn earlier_applications_in_the_month_shift_the_bands() {
        // The 10th is free, the 11th and 12th cost 100 each.
        let f = fee(S, Basis::PerItem { prior_in_month: 9, items: 3 }).unwrap();
        assert_eq!(f.lines, vec![line(10, 10, 0), line(11, 12, 100)]);
        assert_eq!(f.amount_yuan, 200);
        assert_eq!(items(9, 2), 100);
        assert_eq!(items(0, 35), items(0, 20) + items(20, 15));
    }

    #[test]
    fn page_totals_at_the_band_boundaries() {
        assert_eq!([1, 30, 31, 100, 101, 200, 201].map(pages), [0, 0, 10, 700, 720, 2700, 2740]);
    }

    #[test]
    fn two_hundred_fifty_pages_cost_four_thousand_seven_hundred_yuan() {
        // Spec §4: 70 × 10 + 100 × 20 + 50 × 40.
        let f = fee(S, Basis::PerPage { pages: 250 }).unwrap();
        assert_eq!(f.amount_yuan, 4700);
        assert_eq!(f.lines, vec![line(1, 30, 0), line(31, 100, 10), line(101, 200, 20), line(201, 250, 40)]);
        assert_eq!(f.lines.iter().map(|l| l.subtotal).sum::<u64>(), f.amount_yuan);
        assert!(f.explanation_zh().starts_with("按量计收：第1—30页不收费；第31—100页每页10元，共70页700元；"));
        assert!(f.explanation_zh().ends_with("第201—250页每页40元，共50页2000元；合计4700元。"));
    }

    #[test]
    fn zero_items_zero_pages_and_absurd_totals_are_refused() {
        let err = fee(S, Basis::PerItem { prior_in_month: 3, items: 0 }).unwrap_err();
        assert_eq!((err.field.as_str(), err.message.as_str()), ("items", "件数应至少为1件"));
        assert_eq!(fee(S, Basis::PerPage { pages: 0 }).unwrap_err().field, "pages");
        let err = fee(S, Basis::PerItem { prior_in_month: u32::MAX, items: 1 }).unwrap_err();
        assert!(err.message.contains("4294967296件"), "{}", err.message);
        assert!(fee(S, Basis::PerItem { prior_in_month: 0, items: MAX_ITEMS_IN_MONTH }).is_ok());
    }

    #[test]
    fn the_schedule_is_chosen_by_date() {
        assert_eq!(FeeSchedule::in_force_on(date!(2020 - 12 - 31)), None);
        assert_eq!(FeeSchedule::in_force_on(date!(2021 - 01 - 01)), Some(S));
        assert_eq!(FeeSchedule::in_force_on(date!(2026 - 06 - 01)), Some(S));
    }

    #[test]
    fn the_basis_is_tagged_in_json() {
        let b: Basis = serde_json::from_str(r#"{"basis":"per_item","prior_in_month":9,"items":3}"#).unwrap();
        assert_eq!(b, Basis::PerItem { prior_in_month: 9, items: 3 });
        let f = serde_json::to_value(fee(S, Basis::PerPage { pages: 31 }).unwrap()).unwrap();
        assert_eq!(f["basis"]["basis"], "per_page");
        assert_eq!(f["amount_yuan"], 10);
    }
}
