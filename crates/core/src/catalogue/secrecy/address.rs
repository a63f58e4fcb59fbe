//! House numbers (门牌号) of addresses: a number written right after the name of a road, street,
//! lane or village and ending in `号`, `弄`, `巷` or `组` (`人民路88号`, `幸福巷3弄`, `石桥村3组`),
//! with what follows it in the address: building, unit, floor and room numbers
//! (`88号3栋2单元501室`, `12号院5号楼`, `6-2-501`).
//!
//! The hit is the numbered part (the road's name stays readable), and its mask hides the digits
//! only, so `人民路＊＊号＊栋` still reads as an address. An agency's own office address is found
//! too: it is public, and the reviewer confirms it.

use super::text::{Span, Text};

/// What a road, street, lane or village name ends with.
const PLACE_ENDINGS: &str = "路街巷弄道村里屯庄同";
/// What ends the house number.
const NUMBER_ENDINGS: &str = "号弄巷组";
/// The words after a number further in the address, longest first.
const PARTS: [&str; 9] = ["号院", "号楼", "单元", "栋", "幢", "楼", "层", "室", "号"];

pub(super) fn find(text: &Text) -> Vec<Span> {
    text.matches(|i| address_at(text, i))
}

/// The end of a house number (and what follows it) starting at character `i`, right after a
/// road or village name.
fn address_at(text: &Text, i: usize) -> Option<usize> {
    let after_place = i > 0 && text.char(i - 1).is_some_and(|c| PLACE_ENDINGS.contains(c));
    if !after_place || !text.run_starts_at(i) {
        return None;
    }
    let number = text.run_end(i);
    let ending = if text.starts_with(number, "号院") || text.starts_with(number, "号楼") {
        2
    } else if text.char(number).is_some_and(|c| NUMBER_ENDINGS.contains(c)) {
        1
    } else {
        return None;
    };
    Some(rest_of_address(text, number + ending))
}

/// The end of the building, unit and room parts following a house number that ends before `i`.
fn rest_of_address(text: &Text, mut i: usize) -> usize {
    loop {
        if !text.is_digit(i) {
            return i;
        }
        let mut end = text.run_end(i);
        // `6-2-501`: numbers joined by dashes.
        while text.is(end, '-') && text.is_digit(end + 1) {
            end = text.run_end(end + 1);
        }
        match PARTS.iter().find(|p| text.starts_with(end, p)) {
            Some(part) => i = end + part.chars().count(),
            None if end > text.run_end(i) => return end,
            None => return i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        super::super::text::found_by(find, s)
    }

    #[test]
    fn house_numbers_are_found_with_the_rest_of_the_address() {
        assert_eq!(found("住址：人民路88号3栋2单元501室，"), ["88号3栋2单元501室"]);
        assert_eq!(found("石桥村3组"), ["3组"]);
        assert_eq!(found("朝阳区幸福街12号院5号楼"), ["12号院5号楼"]);
        assert_eq!(found("解放路6号6-2-501"), ["6号6-2-501"]);
    }

    #[test]
    fn document_numbers_and_counts_are_not_addresses() {
        assert!(found("国办发〔2017〕47号").is_empty());
        assert!(found("第3号令").is_empty());
        assert!(found("修路3公里").is_empty());
    }
}
