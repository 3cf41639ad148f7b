#![no_main]
//! Fuzz target `secrets`: [`rakscan::harness::secrets`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rakscan::harness::secrets(data));
