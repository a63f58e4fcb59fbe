//! Long-running fuzz driver for the reader (no nightly toolchain here, so no cargo-fuzz): mutates
//! the real fixtures, generated reports in every style and random bytes, audits each input,
//! and checks that nothing panics and that no input takes longer than a bound. A watchdog
//! thread aborts with the input saved if one input runs away.
//!
//! Run: `cargo run --release -p gongkai-report-reader --features testgen --example fuzz_reader -- --seconds 600`
//! Panicking or slow inputs are written to `--out` (default `/tmp/gongkai-report-reader-fuzz`).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gongkai_report_reader::testgen::{Options, Rng, Style, random_report, render};
use gongkai_report_reader::{ImportFormat, audit};

const SLOW: Duration = Duration::from_secs(2);
const RUNAWAY: Duration = Duration::from_secs(30);
const MAX_LEN: usize = 1 << 18;
const PIECES: [&str; 20] = [
    "本年新收政府信息公开申请数量",
    "(七)总计",
    "其他",
    "结转下年度继续办理",
    "行政复议",
    "复议后起诉",
    "第二十条第(一)项",
    "规章",
    "统计指标",
    "收到申请数",
    "件",
    "|",
    "\n",
    " ",
    "(",
    ")",
    "1.",
    "四、",
    "<td>",
    "</tr>",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let seconds: u64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "/tmp/gongkai-report-reader-fuzz".into()));
    std::fs::create_dir_all(&out).expect("output directory");

    let mut corpus: Vec<Vec<u8>> = Vec::new();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/reports");
    if let Ok(dir) = std::fs::read_dir(fixtures) {
        corpus.extend(dir.flatten().filter_map(|e| std::fs::read(e.path()).ok()));
    }
    let mut rng = Rng::new(seed);
    for i in 0..60u64 {
        let format = [ImportFormat::F2021, ImportFormat::F2019, ImportFormat::Pre2019][(i % 3) as usize];
        let report = random_report(&mut rng, format);
        let opts = Options::random(&mut rng, Style::ALL[(i % 5) as usize]);
        corpus.push(render(&report, opts, &mut rng));
    }
    println!("corpus: {} inputs ({} fixtures)", corpus.len(), corpus.len() - 60);

    // The watchdog: the input being read and when it started.
    let current: Arc<Mutex<(Instant, Vec<u8>)>> = Arc::new(Mutex::new((Instant::now(), Vec::new())));
    {
        let current = Arc::clone(&current);
        let out = out.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let guard = current.lock().unwrap_or_else(|p| p.into_inner());
                if guard.0.elapsed() > RUNAWAY {
                    let path = out.join("runaway.bin");
                    let _ = std::fs::write(&path, &guard.1);
                    eprintln!("RUNAWAY: one input took over {RUNAWAY:?}; saved to {}", path.display());
                    std::process::exit(3);
                }
            }
        });
    }
    std::panic::set_hook(Box::new(|_| {}));

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut inputs, mut panics, mut slow) = (0u64, 0u64, 0u64);
    let (mut total_time, mut max_time, mut bytes_read) = (Duration::ZERO, Duration::ZERO, 0u64);
    while Instant::now() < deadline {
        let input = mutate(&corpus, &mut rng);
        {
            let mut guard = current.lock().unwrap_or_else(|p| p.into_inner());
            *guard = (Instant::now(), input.clone());
        }
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| {
            let out = audit(&input, "fuzz");
            serde_json::to_string(&out).expect("serialisable")
        });
        let took = start.elapsed();
        inputs += 1;
        bytes_read += input.len() as u64;
        total_time += took;
        max_time = max_time.max(took);
        if result.is_err() {
            panics += 1;
            let _ = std::fs::write(out.join(format!("panic-{inputs}.bin")), &input);
        }
        if took > SLOW {
            slow += 1;
            let _ = std::fs::write(out.join(format!("slow-{inputs}.bin")), &input);
        }
        // Interesting survivors feed the corpus a little.
        if inputs % 997 == 0 && corpus.len() < 400 {
            corpus.push(input);
        }
        if inputs % 20_000 == 0 {
            println!("{inputs} inputs, {panics} panics, {slow} slow, max {max_time:?}");
        }
    }
    println!(
        "fuzzed {seconds} s: {inputs} inputs ({} MB), {panics} panics, {slow} over {SLOW:?}, mean {:?}, max {max_time:?}",
        bytes_read / 1_000_000,
        total_time / inputs.max(1) as u32
    );
    if panics > 0 || slow > 0 {
        std::process::exit(1);
    }
}

/// One mutated input.
fn mutate(corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = match rng.below(10) {
        0 => (0..rng.below(4096)).map(|_| rng.next_u64() as u8).collect(),
        _ => corpus[rng.below(corpus.len() as u64) as usize].clone(),
    };
    for _ in 0..1 + rng.below(8) {
        let len = data.len() as u64;
        let at = rng.below(len + 1) as usize;
        match rng.below(9) {
            0 => {
                if !data.is_empty() {
                    let i = rng.below(len) as usize;
                    data[i] ^= 1 << rng.below(8);
                }
            }
            1 => data.insert(at, rng.next_u64() as u8),
            2 => {
                let end = (at + rng.below(256) as usize).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(512) as usize).min(data.len());
                let chunk = data[at..end].to_vec();
                for _ in 0..rng.below(20) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            4 => {
                let other = &corpus[rng.below(corpus.len() as u64) as usize];
                let from = rng.below(other.len() as u64 + 1) as usize;
                let end = (from + rng.below(2048) as usize).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            5 => {
                let digits: Vec<u8> = (0..1 + rng.below(60)).map(|_| b'0' + rng.below(10) as u8).collect();
                data.splice(at..at, digits);
            }
            6 => {
                let piece = PIECES[rng.below(PIECES.len() as u64) as usize];
                data.splice(at..at, piece.bytes());
            }
            7 => data.truncate(at),
            _ => {
                // Re-encode a slice as GBK or Big5 (mixed encodings).
                let text = String::from_utf8_lossy(&data).into_owned();
                let enc = if rng.chance(50) { encoding_rs::GB18030 } else { encoding_rs::BIG5 };
                data = enc.encode(&text).0.into_owned();
            }
        }
        data.truncate(MAX_LEN);
    }
    data
}
