//! `gongkai workdays add|between` and `gongkai deadline`, on the calendar embedded in the binary.

use std::io::Read;

use clap::Subcommand;
use gongkai_core::calendar::{Calendar, iso_date};
use gongkai_core::request::deadline;

use super::{CliResult, Failure};

#[derive(Subcommand, Debug)]
pub enum WorkdaysCommand {
    /// Print the N-th working day strictly after DATE.
    Add { date: String, n: u32 },
    /// Print the number of working days in (A, B].
    Between { a: String, b: String },
}

fn date(s: &str) -> Result<time::Date, Failure> {
    iso_date::parse(s).map_err(|e| Failure::input(e.to_string()))
}

pub fn run(cmd: WorkdaysCommand) -> CliResult {
    let cal = Calendar::embedded();
    match cmd {
        WorkdaysCommand::Add { date: d, n } => {
            let result = cal.add_workdays(date(&d)?, n).map_err(|e| Failure::input(e.to_string()))?;
            println!("{}", iso_date::format(result));
        }
        WorkdaysCommand::Between { a, b } => {
            let count = cal.workdays_between(date(&a)?, date(&b)?).map_err(|e| Failure::input(e.to_string()))?;
            println!("{count}");
        }
    }
    Ok(())
}

pub fn deadline() -> CliResult {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| Failure::input(format!("cannot read stdin: {e}")))?;
    let cal = Calendar::embedded();
    let result = deadline::from_json(&cal, &input).map_err(|e| Failure::input(e.message_zh()))?;
    println!("{}", serde_json::to_string_pretty(&result).expect("deadlines serialise"));
    Ok(())
}
