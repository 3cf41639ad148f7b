//! rakscan never uses the network: the same scan gives the same output with networking
//! unavailable (a new, empty network namespace), and no socket is ever opened.

use assert_cmd::cargo::cargo_bin;
use std::path::Path;
use std::process::{Command, Output};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

const ARGS: &[&str] = &["scan", "--format", "json", "--exit-zero"];

fn scan_with(wrapper: &[&str]) -> std::io::Result<Output> {
    let binary = cargo_bin("rakscan");
    let mut command = match wrapper.split_first() {
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg(&binary);
            c
        }
        None => Command::new(&binary),
    };
    command.args(ARGS).arg(fixtures()).output()
}

#[test]
fn a_scan_without_network_gives_the_same_output() {
    let online = scan_with(&[]).unwrap();
    assert!(online.status.success());
    // `unshare --net` needs root (CI runs as root); anywhere else the test says why it skips.
    let probe = Command::new("unshare").args(["--net", "true"]).output();
    match probe {
        Ok(p) if p.status.success() => {}
        Ok(p) => {
            eprintln!(
                "SKIPPED: `unshare --net` is not permitted here: {}",
                String::from_utf8_lossy(&p.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("SKIPPED: `unshare` is not available: {e}");
            return;
        }
    }
    let offline = scan_with(&["unshare", "--net"]).unwrap();
    assert!(
        offline.status.success(),
        "{}",
        String::from_utf8_lossy(&offline.stderr)
    );
    assert!(online.stdout.len() > 1000);
    assert_eq!(online.stdout, offline.stdout);
    assert_eq!(online.stderr, offline.stderr);
}

#[test]
fn no_socket_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let trace_arg = trace.to_str().unwrap();
    let wrapper = [
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=%network",
        "-o",
        trace_arg,
    ];
    match scan_with(&wrapper) {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            eprintln!(
                "SKIPPED: strace cannot trace here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("SKIPPED: strace is not installed: {e}");
            return;
        }
    }
    let calls = std::fs::read_to_string(&trace).unwrap();
    // Every traced line is a network system call (`socket(…)`, `connect(…)`); none may occur.
    let network: Vec<&str> = calls.lines().filter(|l| l.contains('(')).collect();
    assert!(network.is_empty(), "network system calls:\n{calls}");
}
