//! Replays every input the fuzzers found a bug with (`fuzz/regressions/<target>/*`) through
//! the same entry point as the fuzz target, `rakscan::harness`, in the test profile (overflow
//! checks on). Fuzzing itself is not part of CI: `fuzz/README.md` says how to run it.

use rakscan::harness::TARGETS;
use std::fs;
use std::path::Path;

#[test]
fn every_regression_input_passes_its_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let (_, target) = TARGETS
            .iter()
            .find(|(t, _)| *t == name)
            .unwrap_or_else(|| panic!("fuzz/regressions/{name} names no target"));
        for input in fs::read_dir(entry.path()).unwrap() {
            let path = input.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            let run = std::panic::catch_unwind(|| target(&bytes));
            assert!(run.is_ok(), "{} fails again", path.display());
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found in {}",
        dir.display()
    );
}

#[test]
fn every_target_has_a_fuzz_binary() {
    let targets = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    for (name, _) in TARGETS {
        assert!(
            targets.join(format!("{name}.rs")).is_file(),
            "fuzz/fuzz_targets/{name}.rs is missing"
        );
    }
}
