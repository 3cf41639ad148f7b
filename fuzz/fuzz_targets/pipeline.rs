#![no_main]
//! Fuzz target `pipeline`: [`rakscan::harness::pipeline`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rakscan::harness::pipeline(data));
