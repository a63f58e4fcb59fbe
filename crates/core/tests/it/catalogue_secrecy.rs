//! The secrecy scan as a whole: generated numbers in generated Chinese text, and the guarantees
//! (order, no overlaps, offsets, redaction) on arbitrary input.

use gongkai_core::catalogue::secrecy::{self, HitKind, MASK, bank_card, resident_id};
use proptest::prelude::*;

/// Chinese text with common punctuation, no digits or Latin letters.
fn chinese() -> impl Strategy<Value = String> {
    "[\u{4e00}-\u{9fa5}，。、：；（）]{0,30}"
}

/// A valid resident ID number: region, birth date in 1900–2099, sequence, check character.
fn resident_id() -> impl Strategy<Value = String> {
    ("[1-9][0-9]{5}", 1900i32..=2099, 1u8..=12, 1u8..=31, "[0-9]{3}").prop_filter_map(
        "real dates only",
        |(region, year, month, day, seq)| {
            let date = time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
            let first17 = format!("{region}{year:04}{:02}{:02}{seq}", u8::from(date.month()), date.day());
            let digits: [u8; 17] = first17.bytes().map(|b| b - b'0').collect::<Vec<_>>().try_into().ok()?;
            Some(format!("{first17}{}", resident_id::check_character(&digits)))
        },
    )
}

/// A Luhn-valid card number of 16–19 digits that is not shaped like an ID number.
fn card() -> impl Strategy<Value = String> {
    "[1-9][0-9]{14,17}".prop_filter_map("not ID-shaped", |payload| {
        let digits: Vec<u8> = payload.bytes().map(|b| b - b'0').collect();
        let card = format!("{payload}{}", bank_card::luhn_check_digit(&digits));
        let id_shaped = card.len() == 18 && matches!(&card[6..8], "19" | "20");
        (!id_shaped).then_some(card)
    })
}

fn only_hit(text: &str) -> (HitKind, String) {
    let hits = secrecy::scan(text);
    assert_eq!(hits.len(), 1, "{text}: {hits:?}");
    (hits[0].kind, hits[0].text.clone())
}

proptest! {
    #[test]
    fn a_valid_id_number_in_chinese_text_is_always_found(before in chinese(), id in resident_id(), after in chinese()) {
        let text = format!("{before}{id}{after}");
        // The Chinese before it may end in a name (a surname and a character or more): that is
        // a hit of its own, next to the number.
        let hits: Vec<_> = secrecy::scan(&text).into_iter().filter(|h| h.kind != HitKind::PersonName).collect();
        prop_assert_eq!(hits.len(), 1);
        prop_assert_eq!(hits[0].kind, HitKind::ResidentId);
        prop_assert_eq!(hits[0].start, before.len());
        prop_assert_eq!(&hits[0].text, &id);
    }

    #[test]
    fn a_valid_id_number_typed_in_groups_is_found(before in chinese(), id in resident_id(), form in 0usize..3, sep in prop_oneof![Just(' '), Just('-')], after in chinese()) {
        let (region, birth, rest) = (&id[..6], &id[6..14], &id[14..]);
        let typed = match form {
            0 => format!("{region}{sep}{birth}{sep}{rest}"),
            1 => format!("{region}{sep}{}{sep}{}{sep}{rest}", &birth[..4], &birth[4..]),
            _ => format!("{}{sep}{}{sep}{birth}{rest}", &region[..3], &region[3..]),
        };
        let text = format!("{before}{typed}{after}");
        let hits = secrecy::scan(&text);
        let id_hit = hits.iter().find(|h| h.kind == HitKind::ResidentId);
        prop_assert_eq!(id_hit.map(|h| h.text.as_str()), Some(typed.as_str()), "{:?}", hits);
    }

    #[test]
    fn an_id_number_with_a_changed_check_character_is_only_a_possible_one(
        before in chinese(), id in resident_id(), other in 0usize..10, after in chinese()
    ) {
        let checks = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];
        let right = id.chars().last().unwrap();
        let wrong = checks.iter().filter(|c| **c != right).nth(other).unwrap();
        let changed = format!("{}{wrong}", &id[..17]);
        prop_assert!(!resident_id::is_valid(&changed));
        let text = format!("{before}{changed}{after}");
        let kinds: Vec<HitKind> = secrecy::scan(&text).into_iter().map(|h| h.kind).filter(|k| *k != HitKind::PersonName).collect();
        let province: u8 = id[..2].parse().unwrap();
        if resident_id::PROVINCES.contains(&province) {
            prop_assert_eq!(kinds, vec![HitKind::PossibleResidentId]);
        } else {
            prop_assert_eq!(kinds, vec![]);
        }
    }

    #[test]
    fn a_luhn_valid_card_is_found_written_plain_or_in_groups(before in chinese(), card in card(), after in chinese()) {
        let text = format!("{before}{card}{after}");
        prop_assert_eq!(only_hit(&text), (HitKind::BankCard, card.clone()));
        let grouped = card.as_bytes().chunks(4).map(|g| std::str::from_utf8(g).unwrap()).collect::<Vec<_>>().join(" ");
        let text = format!("{before}{grouped}{after}");
        prop_assert_eq!(only_hit(&text), (HitKind::BankCard, grouped));
    }

    #[test]
    fn a_card_failing_luhn_is_not_found(before in chinese(), card in card(), bump in 1u8..10, after in chinese()) {
        let last = card.as_bytes()[card.len() - 1] - b'0';
        let wrong = format!("{}{}", &card[..card.len() - 1], (last + bump) % 10);
        let text = format!("{before}{wrong}{after}");
        prop_assert_eq!(secrecy::scan(&text), vec![]);
    }

    #[test]
    fn a_mobile_number_is_found_in_each_written_form(
        before in chinese(), number in "1[3-9][0-9]{9}", form in 0usize..6, after in chinese()
    ) {
        let (a, b, c) = (&number[..3], &number[3..7], &number[7..]);
        let written = match form {
            0 => number.clone(),
            1 => format!("{a} {b} {c}"),
            2 => format!("{a}-{b}-{c}"),
            3 => format!("+86 {number}"),
            4 => format!("+86-{a}-{b}-{c}"),
            _ => format!("86{number}"),
        };
        let text = format!("{before}{written}{after}");
        prop_assert_eq!(only_hit(&text), (HitKind::Mobile, written));
    }

    #[test]
    fn an_email_address_is_found(
        before in chinese(), local in "[a-z0-9]{1,10}([._][a-z0-9]{1,5})?", domain in "[a-z0-9]{1,10}\\.(com|cn|gov\\.cn)", after in chinese()
    ) {
        let address = format!("{local}@{domain}");
        let text = format!("{before}{address}{after}");
        prop_assert_eq!(only_hit(&text), (HitKind::Email, address));
    }

    #[test]
    fn hits_are_ordered_disjoint_and_point_at_their_text(text in noisy()) {
        let hits = secrecy::scan(&text);
        let mut last_end = 0;
        for hit in &hits {
            prop_assert!(hit.start >= last_end && hit.start < hit.end);
            prop_assert_eq!(&text[hit.start..hit.end], hit.text.as_str());
            last_end = hit.end;
        }
    }

    #[test]
    fn redaction_keeps_the_character_count_and_leaves_nothing_to_find(text in noisy()) {
        let hits = secrecy::scan(&text);
        let redacted = secrecy::redact(&text, &hits);
        prop_assert_eq!(redacted.chars().count(), text.chars().count());
        prop_assert_eq!(secrecy::scan(&redacted), vec![]);
    }

    #[test]
    fn arbitrary_input_never_panics(text in any::<String>()) {
        let hits = secrecy::scan(&text);
        let _ = secrecy::redact(&text, &hits);
    }
}

/// Text made of the pieces the rules look at, so that near-misses and overlaps are common.
fn noisy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,20}",
        Just(" ".to_owned()),
        Just("-".to_owned()),
        Just("X".to_owned()),
        Just("+86".to_owned()),
        Just("@".to_owned()),
        Just(".".to_owned()),
        "[a-z]{1,4}",
        Just("★".to_owned()),
        Just("秘密".to_owned()),
        Just("机密".to_owned()),
        Just("密级：".to_owned()),
        Just("（".to_owned()),
        Just("）".to_owned()),
        Just("\n".to_owned()),
        Just("1年".to_owned()),
        "[\u{4e00}-\u{9fa5}]{1,3}",
        resident_id(),
        card(),
        "1[3-9][0-9]{9}",
        Just("路".to_owned()),
        Just("号".to_owned()),
        Just("栋".to_owned()),
        Just("E".to_owned()),
        Just("川A".to_owned()),
        Just("姓名：".to_owned()),
        Just("身份证号".to_owned()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

#[test]
fn the_mask_character_is_the_full_width_asterisk() {
    assert_eq!(MASK, '＊');
    let text = "身份证号11010519491231002X";
    assert_eq!(secrecy::redact(text, &secrecy::scan(text)), "身份证号110＊＊＊＊＊＊＊＊＊＊＊＊＊2X");
}
