#![no_main]
//! Fuzz target `config`: [`rakscan::harness::config`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rakscan::harness::config(data));
