#![no_main]
//! Fuzz target `manifest`: [`rakscan::harness::manifest`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rakscan::harness::manifest(data));
