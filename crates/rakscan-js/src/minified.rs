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
    let lines = sample.split(|b| *b == b'\n').filter(|l| !l.is_empty());
    let (mut count, mut longest) = (0usize, 0usize);
    for line in lines {
        count += 1;
        longest = longest.max(line.len());
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
}
