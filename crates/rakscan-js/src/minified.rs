//! Recognises bundled or minified JavaScript, which is not worth parsing: its calls are copies
//! of the SDK's own code or of sources scanned elsewhere.

/// How much of a file is looked at.
const SAMPLE: usize = 64 * 1024;

/// Whether a source looks minified or bundled: long lines with few line breaks.
pub fn is_minified(source: &str) -> bool {
    let sample = &source.as_bytes()[..source.len().min(SAMPLE)];
    if sample.len() < 2048 {
        return false;
    }
    let (mut count, mut longest, mut start) = (0usize, 0usize, 0usize);
    let line_ends = memchr::memchr_iter(b'\n', sample).chain([sample.len()]);
    for end in line_ends {
        let len = end - start;
        if len > 0 {
            count += 1;
            longest = longest.max(len);
        }
        start = end + 1;
    }
    let average = sample.len() / count.max(1);
    longest > 1000 && average > 200
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_are_minified_and_sources_are_not() {
        let line = "var a=function(b){return b.customers.create({})};".repeat(100);
        assert!(is_minified(&format!("{line}\n{line}")));
        let normal = "const stripe = new Stripe(key);\n".repeat(200);
        assert!(!is_minified(&normal));
    }

    /// The line statistics as first written (`split` on every byte), for comparison.
    fn lines_by_split(sample: &[u8]) -> (usize, usize) {
        let lines = sample.split(|b| *b == b'\n').filter(|l| !l.is_empty());
        lines.fold((0, 0), |(count, longest), l| {
            (count + 1, longest.max(l.len()))
        })
    }

    #[test]
    fn the_memchr_line_scan_agrees_with_split() {
        let line = |n: usize| "a".repeat(n);
        let shapes = [
            format!("{}\n{}", line(3000), line(10)),
            format!("\n\n{}\n\n", line(2500)),
            format!("{}\n", line(1500)).repeat(3),
            format!("{}\n", line(1001)) + &line(201).repeat(5),
            format!("{}\n", line(250)).repeat(300),
            "\n".repeat(3000),
            line(70_000),
        ];
        for source in shapes {
            let sample = &source.as_bytes()[..source.len().min(SAMPLE)];
            let (count, longest) = lines_by_split(sample);
            let expected =
                sample.len() >= 2048 && longest > 1000 && sample.len() / count.max(1) > 200;
            assert_eq!(is_minified(&source), expected, "{} bytes", source.len());
        }
    }
}
