//! 发文字号 and 索引号 over generated input: what is written in any accepted form reads back to the
//! same parts, and issued index numbers have the scheme's shape.

use gongkai_core::catalogue::doc_number::{self, DocNumber};
use gongkai_core::catalogue::index_number::{self, DEFAULT_SCHEME};
use proptest::prelude::*;

const BRACKETS: [(&str, &str); 7] =
    [("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］"), ("﹝", "﹞")];

proptest! {
    #[test]
    fn a_document_number_in_any_accepted_form_reads_back_to_its_parts(
        prefix in "[\u{4e00}-\u{9fa5}]{1,6}",
        year in 1949i32..=2100,
        serial in 1u32..100_000,
        bracket in 0usize..7,
        zeros in 0usize..3,
        spaced in any::<bool>(),
    ) {
        let (open, close) = BRACKETS[bracket];
        let space = if spaced { " " } else { "" };
        let typed = format!("{prefix}{space}{open}{year}{close}{space}{}{serial}{space}号", "0".repeat(zeros));
        let parsed = doc_number::parse(&typed).unwrap();
        prop_assert_eq!(&parsed, &DocNumber { prefix: prefix.clone(), year, serial });
        let canonical = parsed.to_string();
        prop_assert_eq!(&canonical, &format!("{prefix}〔{year}〕{serial}号"));
        prop_assert_eq!(doc_number::parse(&canonical).unwrap(), parsed);
    }

    #[test]
    fn years_outside_1949_to_2100_are_refused(year in prop_oneof![1000i32..1949, 2101i32..10_000]) {
        let err = doc_number::parse(&format!("国办发〔{year}〕1号")).unwrap_err();
        prop_assert_eq!(err.field, "doc_number");
        prop_assert!(err.message.contains(&year.to_string()));
    }

    #[test]
    fn default_index_numbers_are_29_characters_ending_in_year_and_serial(
        year in 1949i32..=2100, ordinal in 1u16..=365, serial in 1u32..=99_999
    ) {
        let date = time::Date::from_ordinal_date(year, ordinal).unwrap();
        let n = index_number::format(DEFAULT_SCHEME, "11441700007280420Y", date, serial).unwrap();
        prop_assert_eq!(n.len(), 29);
        prop_assert_eq!(&n[..19], "11441700007280420Y/");
        prop_assert_eq!(n[19..23].parse::<i32>().unwrap(), year);
        prop_assert_eq!(n[24..].parse::<u32>().unwrap(), serial);
    }

    #[test]
    fn a_scheme_with_any_serial_width_fits_exactly_that_many_digits(width in 1usize..=9, extra in 0u32..3) {
        let scheme = format!("{{YYYY}}-{{{}}}", "N".repeat(width));
        index_number::validate_scheme(&scheme).unwrap();
        let date = time::macros::date!(2024 - 05 - 06);
        let max = 10u32.pow(width as u32) - 1;
        let n = index_number::format(&scheme, "11441700007280420Y", date, max).unwrap();
        prop_assert_eq!(n.len(), 5 + width);
        prop_assert!(index_number::format(&scheme, "11441700007280420Y", date, max + 1 + extra).is_err());
    }
}
