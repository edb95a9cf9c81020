//! `target/release/gateway-throughput [seconds] [connections]`: the local gateway (the
//! run command's server, in-process store) answering `GET /api/slots` to keep-alive
//! clients in the same process, on whatever cores the machine has. Requests per second.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use pz_local::{start, Options};

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    let connections: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(32);
    let gw = start(Options { port: 0, ..Options::default() }).await.expect("gateway");
    let url: hyper::Uri = format!("{}/api/slots", gw.url()).parse().expect("url");
    let done = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    let started = Instant::now();
    for _ in 0..connections {
        let client: Client<_, Empty<Bytes>> =
            Client::builder(TokioExecutor::new()).pool_max_idle_per_host(1).build_http();
        let (url, done, failed, stop) = (url.clone(), done.clone(), failed.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match client.get(url.clone()).await {
                    Ok(resp) if resp.status().is_success() => {
                        let _ = resp.into_body().collect().await;
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed);
    println!(
        "gateway GET /api/slots: {n} answers in {elapsed:.1} s = {:.0} req/s ({connections} keep-alive connections, {} failed, {} cores, client in the same process)",
        n as f64 / elapsed,
        failed.load(Ordering::Relaxed),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
}
