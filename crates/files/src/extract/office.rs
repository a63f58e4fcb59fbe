//! DOCX and XLSX → plain text, by reading the XML parts inside the zip.
//!
//! DOCX: the text runs of `word/document.xml`, a line per paragraph, tabs and breaks kept.
//! XLSX: every worksheet in order, a line per row, cells separated by tabs, shared strings
//! resolved. Every part draws on the file's [`Budget`] (bytes inflated, characters produced,
//! time), so a zip bomb or a cell repeated a million times is refused, not unpacked.

use std::io::{Cursor, Read};

use super::Failure;
use super::limits::Budget;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

/// How many XML events pass between two looks at the clock.
const EVENTS_PER_CLOCK_CHECK: u32 = 4096;
/// The most worksheets we read from one workbook.
const MAX_SHEETS: usize = 1000;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

pub(super) fn docx_text(bytes: &[u8], budget: &mut Budget) -> Result<String, Failure> {
    let mut archive = open(bytes)?;
    let xml = read_part(&mut archive, "word/document.xml", budget)?
        .ok_or_else(|| Failure::from("no word/document.xml in the archive".to_owned()))?;
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    // Runs nest when a text box sits inside a run, hence a depth rather than a flag.
    let (mut run_depth, mut in_text) = (0usize, false);
    let mut clock = Clock::default();
    loop {
        clock.tick(budget)?;
        let before = out.len();
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"r" => run_depth += 1,
                b"t" => in_text = run_depth > 0,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"r" => run_depth = run_depth.saturating_sub(1),
                b"t" => in_text = false,
                b"p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if run_depth > 0 => out.push('\t'),
                b"br" | b"cr" if run_depth > 0 => out.push('\n'),
                b"p" => out.push('\n'),
                _ => {}
            },
            Event::Text(text) if in_text => out.push_str(&text.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(text) if in_text => out.push_str(&text.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(reference) if in_text => push_reference(&mut out, &reference)?,
            Event::Eof => break,
            _ => {}
        }
        budget.produce(out[before..].chars().count())?;
    }
    Ok(out.trim_end().to_owned())
}

pub(super) fn xlsx_text(bytes: &[u8], budget: &mut Budget) -> Result<String, Failure> {
    let mut archive = open(bytes)?;
    let shared = match read_part(&mut archive, "xl/sharedStrings.xml", budget)? {
        Some(xml) => shared_strings(&xml, budget)?,
        None => Vec::new(),
    };
    let mut sheets: Vec<(u32, String)> = archive
        .file_names()
        .filter_map(|name| name.ok())
        .filter_map(|name| {
            let number = name.strip_prefix("xl/worksheets/sheet")?.strip_suffix(".xml")?.parse().ok()?;
            Some((number, name.into_owned()))
        })
        .collect();
    sheets.sort();
    let mut out = String::new();
    for (_, name) in sheets.iter().take(MAX_SHEETS) {
        if let Some(xml) = read_part(&mut archive, name, budget)? {
            sheet_text(&xml, &shared, &mut out, budget)?;
        }
    }
    Ok(out.trim_end().to_owned())
}

/// The shared string table: one entry per `<si>`, its text runs joined (phonetic runs left out).
fn shared_strings(xml: &[u8], budget: &mut Budget) -> Result<Vec<String>, Failure> {
    let mut reader = Reader::from_reader(xml);
    let mut strings = Vec::new();
    let mut current = String::new();
    let (mut in_text, mut in_phonetic) = (false, false);
    let mut clock = Clock::default();
    loop {
        clock.tick(budget)?;
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => current.clear(),
                b"t" => in_text = !in_phonetic,
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => strings.push(std::mem::take(&mut current)),
                b"t" => in_text = false,
                b"rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => strings.push(String::new()),
            Event::Text(text) if in_text => current.push_str(&text.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(text) if in_text => current.push_str(&text.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(reference) if in_text => push_reference(&mut current, &reference)?,
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

/// Appends a worksheet: a line per non-empty row, cells separated by tabs.
fn sheet_text(xml: &[u8], shared: &[String], out: &mut String, budget: &mut Budget) -> Result<(), Failure> {
    let mut reader = Reader::from_reader(xml);
    let mut clock = Clock::default();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut cell_type = String::new();
    let mut in_value = false;
    loop {
        clock.tick(budget)?;
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => row.clear(),
                b"c" => {
                    cell.clear();
                    cell_type = attribute(&e, b"t")?.unwrap_or_default();
                }
                b"v" | b"t" => in_value = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"c" => {
                    let value = if cell_type == "s" {
                        cell.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).cloned().unwrap_or_default()
                    } else {
                        std::mem::take(&mut cell)
                    };
                    // Counted as the cell is read: a row of a million copies of one long shared
                    // string must stop here, not when the row is joined.
                    budget.produce(value.chars().count() + 1)?;
                    row.push(value);
                }
                b"row" => {
                    while row.last().is_some_and(String::is_empty) {
                        row.pop();
                    }
                    if !row.is_empty() {
                        out.push_str(&row.join("\t"));
                        out.push('\n');
                    }
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"c" => row.push(String::new()),
            Event::Text(text) if in_value => cell.push_str(&text.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(text) if in_value => cell.push_str(&text.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(reference) if in_value => push_reference(&mut cell, &reference)?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn open(bytes: &[u8]) -> Result<Archive<'_>, Failure> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Failure::from(format!("not a readable zip archive: {e}")))
}

/// A part of the archive, `None` when absent. It is inflated only as far as the file's budget
/// allows (whatever its header claims), and counted against it.
fn read_part(archive: &mut Archive<'_>, name: &str, budget: &mut Budget) -> Result<Option<Vec<u8>>, Failure> {
    let part = match archive.by_name(name) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}").into()),
    };
    let mut bytes = Vec::new();
    part.take(budget.inflatable() + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    budget.inflate(bytes.len() as u64)?;
    Ok(Some(bytes))
}

/// Looks at the clock every [`EVENTS_PER_CLOCK_CHECK`] events.
#[derive(Default)]
struct Clock(u32);

impl Clock {
    fn tick(&mut self, budget: &Budget) -> Result<(), Failure> {
        self.0 = self.0.wrapping_add(1);
        if self.0.is_multiple_of(EVENTS_PER_CLOCK_CHECK) {
            budget.in_time()?;
        }
        Ok(())
    }
}

fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Result<Option<String>, String> {
    match element.try_get_attribute(name).map_err(|e| e.to_string())? {
        // Only short ASCII attributes (a cell's type) are read here: no entities to resolve.
        Some(attribute) => Ok(Some(String::from_utf8_lossy(&attribute.value).into_owned())),
        None => Ok(None),
    }
}

/// `&#20844;`, `&amp;` and the other predefined entities; an unknown entity is kept as written.
fn push_reference(out: &mut String, reference: &BytesRef<'_>) -> Result<(), String> {
    if let Some(c) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        out.push(c);
        return Ok(());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    match quick_xml::escape::resolve_xml_entity(&name) {
        Some(text) => out.push_str(text),
        None => {
            out.push('&');
            out.push_str(&name);
            out.push(';');
        }
    }
    Ok(())
}
