#![no_main]
//! Fuzz target `extract_csharp`: [`rakscan::harness::extract`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rakscan::harness::extract("csharp", data));
