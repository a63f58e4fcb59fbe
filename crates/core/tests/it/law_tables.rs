//! The law tables as a whole: every entry reads back from every form it is written in.

use gongkai_core::agency::Level;
use gongkai_core::law::{categories, subjects};

#[test]
fn every_subject_reads_back_from_its_display_form_and_with_a_slash() {
    let mut count = 0;
    for (top, subs) in subjects::tree() {
        let alone = subjects::parse(top).unwrap();
        assert_eq!(alone.to_string(), top);
        for sub in subs {
            let subject = subjects::parse(&format!("{top}\\{sub}")).unwrap();
            assert_eq!(subject, subjects::parse(&format!("{top}/{sub}")).unwrap());
            assert_eq!(subject.to_string(), format!("{top}\\{sub}"));
            assert_eq!((subject.top, subject.sub), (top, Some(*sub)));
            count += 1;
        }
    }
    assert_eq!(subjects::tree().count(), 22);
    assert_eq!(count, 121);
}

#[test]
fn every_category_reads_back_from_its_key_short_name_text_and_citation() {
    for category in categories::ALL {
        assert_eq!(categories::by_key(category.key), Some(category));
        for input in [category.key, category.short, category.label, &category.citation()] {
            assert_eq!(categories::parse("category", input).unwrap(), category, "{input}");
        }
    }
}

#[test]
fn a_department_is_offered_art20_only_unless_its_government_level_is_given() {
    let keys: Vec<&str> = categories::applies_to(Level::Department).map(|c| c.key).collect();
    assert_eq!(keys.len(), 15);
    assert!(categories::applies_to(Level::County).any(|c| c.key == "art21"));
    assert!(!categories::applies_to(Level::Province).any(|c| c.key == "art21"));
}
