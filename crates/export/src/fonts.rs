//! Fonts for the PDF: finds one CJK font on this machine at run time and loads it for typst.
//!
//! Nothing is vendored and nothing else is loaded: typst sees exactly the faces returned here
//! (no embedded default fonts, no system font scan), so a PDF can't silently pick up an arbitrary
//! system font. Search order, first hit wins:
//! 1. the file named by `GONGKAI_PDF_FONT` (an error if it is set but unusable — the operator asked
//!    for that file, falling back behind their back would hide the mistake);
//! 2. well-known Debian locations (Noto CJK, WenQuanYi, AR PL);
//! 3. any `*CJK*` / `*wqy*` font file under `/usr/share/fonts`.
//!
//! When the chosen file's name contains `Regular` and a `Bold` sibling exists (as with
//! `fonts-noto-cjk`), the bold file is loaded too so titles can be set in a true bold.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::Font;

use crate::ExportError;

/// Environment variable naming a font file (TTF/OTF/TTC) to use for PDFs.
pub const FONT_ENV: &str = "GONGKAI_PDF_FONT";

/// Checked in order after `GONGKAI_PDF_FONT`.
const KNOWN_LOCATIONS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/// Scanned (recursively) when no known location exists.
const SCAN_ROOT: &str = "/usr/share/fonts";

/// A character every usable face must cover: 中.
const PROBE: char = '\u{4E2D}';

/// The loaded faces and the family name the template should ask for.
pub(crate) struct CjkFonts {
    pub faces: Vec<Font>,
    pub family: String,
}

/// Finds and loads the CJK font (plus its bold sibling, if any).
pub(crate) fn load() -> Result<CjkFonts, ExportError> {
    let path = locate(std::env::var_os(FONT_ENV), KNOWN_LOCATIONS, Path::new(SCAN_ROOT))?;
    let mut faces = read_faces(&path)?;
    if let Some(bold) = bold_sibling(&path) {
        // A broken bold file only costs the true bold; the title then uses the regular face.
        if let Ok(bold_faces) = read_faces(&bold) {
            faces.extend(bold_faces);
        }
    }
    let family = pick_family(&faces).ok_or(ExportError::FontInvalid { path })?;
    Ok(CjkFonts { faces, family })
}

/// The font file to use: the env override, else the first known location, else a scan.
fn locate(env: Option<OsString>, known: &[&str], scan_root: &Path) -> Result<PathBuf, ExportError> {
    if let Some(value) = env.filter(|value| !value.is_empty()) {
        let path = PathBuf::from(value);
        return if path.is_file() { Ok(path) } else { Err(ExportError::FontMissing { path }) };
    }
    if let Some(path) = known.iter().map(PathBuf::from).find(|path| path.is_file()) {
        return Ok(path);
    }
    scan(scan_root).ok_or(ExportError::NoCjkFont)
}

/// The first `*CJK*` / `*wqy*` font file under `root`, regular weights before bold.
fn scan(root: &Path) -> Option<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![(root.to_path_buf(), 0u8)];
    while let Some((dir, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && depth < 6 {
                pending.push((path, depth + 1));
            } else if looks_like_cjk_font(&path) {
                found.push(path);
            }
        }
    }
    found.sort_by_key(|path| (is_bold(path), path.clone()));
    found.into_iter().next()
}

fn looks_like_cjk_font(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let font_file = [".ttf", ".otf", ".ttc", ".otc"].iter().any(|ext| name.ends_with(ext));
    font_file && (name.contains("cjk") || name.contains("wqy"))
}

fn is_bold(path: &Path) -> bool {
    path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.to_ascii_lowercase().contains("bold"))
}

/// `…-Regular.ttc` → `…-Bold.ttc`, when that file exists.
fn bold_sibling(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    if !name.contains("Regular") {
        return None;
    }
    let bold = path.with_file_name(name.replace("Regular", "Bold"));
    bold.is_file().then_some(bold)
}

fn read_faces(path: &Path) -> Result<Vec<Font>, ExportError> {
    let data =
        std::fs::read(path).map_err(|source| ExportError::FontUnreadable { path: path.to_path_buf(), source })?;
    let faces: Vec<Font> = Font::iter(Bytes::new(data)).collect();
    if faces.is_empty() {
        return Err(ExportError::FontInvalid { path: path.to_path_buf() });
    }
    Ok(faces)
}

/// The family to typeset with: a Simplified Chinese one when the file holds several
/// (Noto CJK collections list JP, KR, SC, TC and HK faces), else the first with Chinese glyphs.
fn pick_family(faces: &[Font]) -> Option<String> {
    let chinese: Vec<&str> = faces
        .iter()
        .map(Font::info)
        .filter(|info| info.coverage.contains(PROBE as u32))
        .map(|info| info.family.as_str())
        .collect();
    let simplified = chinese.iter().find(|family| {
        let upper = family.to_ascii_uppercase();
        upper.ends_with(" SC") || upper.ends_with(" CN") || upper.contains(" GB")
    });
    simplified.or(chinese.first()).map(|family| (*family).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_found_asks_to_install_fonts_or_set_the_env_var() {
        let err = locate(None, &["/nonexistent/a.ttc"], Path::new("/nonexistent")).unwrap_err();
        assert!(matches!(err, ExportError::NoCjkFont));
        let message = err.to_string();
        assert!(message.contains("fonts-noto-cjk"), "{message}");
        assert!(message.contains(FONT_ENV), "{message}");
    }

    #[test]
    fn an_env_var_naming_a_missing_file_is_an_error_not_a_silent_fallback() {
        let err = locate(Some("/nonexistent/x.ttf".into()), KNOWN_LOCATIONS, Path::new(SCAN_ROOT)).unwrap_err();
        assert!(matches!(err, ExportError::FontMissing { .. }));
        assert!(err.to_string().contains("/nonexistent/x.ttf"));
    }

    #[test]
    fn an_empty_env_var_counts_as_unset() {
        let err = locate(Some(OsString::new()), &[], Path::new("/nonexistent")).unwrap_err();
        assert!(matches!(err, ExportError::NoCjkFont));
    }

    #[test]
    fn the_scan_finds_cjk_and_wqy_files_and_prefers_regular_weights() {
        let root = std::env::temp_dir().join(format!("gongkai-export-scan-{}", std::process::id()));
        let nested = root.join("opentype").join("noto");
        std::fs::create_dir_all(&nested).unwrap();
        for name in ["NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc", "DejaVuSans.ttf", "readme.txt"] {
            std::fs::write(nested.join(name), b"").unwrap();
        }
        let found = scan(&root);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(found, Some(nested.join("NotoSansCJK-Regular.ttc")));
    }

    #[test]
    fn the_scan_ignores_non_cjk_fonts() {
        assert!(looks_like_cjk_font(Path::new("/x/wqy-zenhei.ttc")));
        assert!(looks_like_cjk_font(Path::new("/x/NotoSerifCJKsc-Regular.otf")));
        assert!(!looks_like_cjk_font(Path::new("/x/DejaVuSerif.ttf")));
        assert!(!looks_like_cjk_font(Path::new("/x/cjk-notes.txt")));
    }
}
