//! `gongkai demo` started as a new user starts it: the real binary on port 0 in a fresh data
//! directory, its printed URL and accounts read from its output.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Demo {
    child: Child,
    pub url: String,
    /// (user, password) as printed.
    pub accounts: Vec<(String, String)>,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[allow(clippy::zombie_processes)] // Demo::drop kills and waits
pub fn start_demo(dir: &std::path::Path) -> Demo {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir)
        .env_remove("GONGKAI_DATABASE_URL")
        .env("GONGKAI_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut accounts = Vec::new();
    let mut in_table = false;
    loop {
        let line = lines.next().expect("demo printed its URL").unwrap();
        if let Some(rest) = line.strip_prefix("gongkai is serving ") {
            let url = rest.split_whitespace().next().unwrap().trim_end_matches('/').to_owned();
            std::thread::spawn(move || for _ in lines {});
            return Demo { child, url, accounts };
        }
        if line.trim_start().starts_with("user ") {
            in_table = true;
            continue;
        }
        if in_table {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.len() >= 2 {
                accounts.push((cols[0].to_owned(), cols[1].to_owned()));
            }
        }
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}
