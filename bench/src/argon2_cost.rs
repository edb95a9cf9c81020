//! `cargo run --release -p pz-bench --bin argon2-cost -- [runs]`: time of one argon2id
//! hash and one verify at the parameters the product uses (m=19456 KiB, t=2, p=1).

use std::time::{Duration, Instant};

use shared::domain::Password;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(11);
    let password = match Password::parse("Zielony7Las!", None) {
        Ok(p) => p,
        Err(e) => panic!("sample password refused: {}", e.code),
    };
    let mut hashes = Vec::new();
    let mut verifies = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let h = password.hash();
        hashes.push(t.elapsed());
        let t = Instant::now();
        assert!(h.verify("Zielony7Las!"));
        verifies.push(t.elapsed());
    }
    println!(
        "argon2id m={} KiB t={} p={}: hash median {:.1} ms, verify median {:.1} ms ({runs} runs, one core)",
        shared::domain::password::ARGON2_M_KIB,
        shared::domain::password::ARGON2_T,
        shared::domain::password::ARGON2_P,
        median(hashes).as_secs_f64() * 1e3,
        median(verifies).as_secs_f64() * 1e3
    );
}
