//! What argon2 allows on this machine, for the sign-in flood of the benchmark
//! (`tests/bench/run.sh`): the product's own password hashing (its parameters, one reused work
//! area a thread) on THREADS threads for SECONDS seconds, then one line: `hashes/s N`.
//!
//! Usage: cargo run --release --example hash_rate -- THREADS SECONDS

use std::time::{Duration, Instant};

use support_contacts::auth::password::hash_passwords;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let threads: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2);
    let seconds: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5.0);
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..threads.max(1))
        .map(|_| {
            std::thread::spawn(move || -> anyhow::Result<usize> {
                let mut hashed = 0;
                // Batches of eight share one work area, as a hashing thread of the server does.
                while Instant::now() < until {
                    hashed += hash_passwords(std::iter::repeat_n("a password", 8))?.len();
                }
                Ok(hashed)
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker
            .join()
            .map_err(|_| anyhow::anyhow!("a hashing thread panicked"))??;
    }
    println!(
        "hashes/s {:.1}",
        total as f64 / started.elapsed().as_secs_f64()
    );
    Ok(())
}
