#![no_main]
//! Fuzz target `extract_python`: [`rakscan::harness::extract`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rakscan::harness::extract("python", data));
