//! The national holiday data compiled into the binary: every `data/holidays/*.json` file
//! (NateScarlet/holiday-cn, MIT; provenance in `data/holidays/SOURCE.md`).
//!
//! When the State Council publishes next year's notice (around November), add the new file to
//! `data/holidays/` and its year to the list below; a test fails until both agree. Between
//! releases an administrator can load the file at run time with [`Calendar::add_year_file`].

use super::Calendar;

macro_rules! year_files {
    ($($year:literal),* $(,)?) => {
        [$((concat!($year, ".json"), include_str!(concat!("../../../../data/holidays/", $year, ".json")))),*]
    };
}

/// `(file name, contents)` of every embedded year file.
pub const EMBEDDED_YEAR_FILES: [(&str, &str); 21] = year_files!(
    2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
    2026, 2027,
);

impl Calendar {
    /// The calendar of the embedded national data (2007–2026 covered; 2027 is an empty placeholder).
    pub fn embedded() -> Self {
        Self::from_year_files(EMBEDDED_YEAR_FILES.iter().map(|(_, json)| *json))
            .expect("embedded holiday data is valid (checked by tests)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_the_data_folder_is_embedded() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/holidays");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .expect("data/holidays exists")
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".json"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = EMBEDDED_YEAR_FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn the_embedded_data_covers_2007_to_2026_and_not_2027() {
        let cal = Calendar::embedded();
        assert_eq!(cal.covered_years(), (2007..=2026).collect::<Vec<_>>());
    }
}
