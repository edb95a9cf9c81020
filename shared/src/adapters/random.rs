//! Randomness: the OS generator in production, a seeded one in tests.

#[cfg(any(test, feature = "local"))]
use std::sync::Mutex;

use rand::RngCore;
#[cfg(any(test, feature = "local"))]
use rand::{rngs::StdRng, SeedableRng};

use crate::ports::Random;

pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        rand::rngs::OsRng.fill_bytes(buf);
    }
}

/// Repeatable randomness for tests.
#[cfg(any(test, feature = "local"))]
pub struct SeededRandom(Mutex<StdRng>);

#[cfg(any(test, feature = "local"))]
impl SeededRandom {
    pub fn new(seed: u64) -> Self {
        Self(Mutex::new(StdRng::seed_from_u64(seed)))
    }
}

#[cfg(any(test, feature = "local"))]
impl Random for SeededRandom {
    fn fill(&self, buf: &mut [u8]) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).fill_bytes(buf);
    }
}
