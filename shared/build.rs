//! The pages' static files (`web/*.js`, `web/style.css`) gzip-compressed once, at build time,
//! into `OUT_DIR/<name>.gz`: the pages' function sends them as they are to a browser that
//! accepts gzip (every browser does: a quarter of the bytes over the citizen's connection),
//! and inflates them once for a client that does not. The binary holds only the compressed
//! bytes (BENCHMARKS.md, issue 17).

use std::path::{Path, PathBuf};

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let web = Path::new(&manifest).join("../web");
    println!("cargo:rerun-if-changed={}", web.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let entries = std::fs::read_dir(&web).expect("web/ beside shared/");
    for entry in entries {
        let path = entry.expect("a file of web/").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if name.ends_with(".js") || name.ends_with(".css") {
            let data = std::fs::read(&path).expect("a readable file");
            std::fs::write(out.join(format!("{name}.gz")), gzip(&data)).expect("OUT_DIR is writable");
        }
    }
}

/// RFC 1952: a 10-byte header (no name, no time: the same bytes on every build), the
/// deflated data at the highest level, then the CRC-32 and the length of the data.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255];
    out.extend(miniz_oxide::deflate::compress_to_vec(data, 10));
    out.extend(crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
