//! Damaged TMX never panics the reader: every truncation and many byte flips of
//! the fixtures either read or fail with a syntax error that names a line and column.

use std::path::Path;

use tarjima::Error;
use tarjima::formats::tmx::read::TmxReader;

fn read_all(bytes: Vec<u8>) -> Result<usize, Error> {
    let mut r = TmxReader::from_bytes("damaged.tmx", bytes)?;
    let mut n = 0;
    while r.next_unit()?.is_some() {
        n += 1;
    }
    Ok(n)
}

fn check(name: &str, bytes: Vec<u8>) {
    match read_all(bytes) {
        Ok(_) => {}
        Err(Error::Syntax {
            line,
            column,
            message,
            ..
        }) => {
            assert!(
                line >= 1 && column >= 1,
                "{name}: {line}:{column}: {message}"
            );
        }
        Err(e) => panic!("{name}: not a syntax error: {e}"),
    }
}

#[test]
fn truncations_and_flips_fail_cleanly() {
    for name in ["omegat.tmx", "okapi.tmx", "trados.tmx", "memoq.tmx"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/tmx")
            .join(name);
        let bytes = std::fs::read(path).unwrap();
        let whole = read_all(bytes.clone()).unwrap();
        assert!(whole > 0);
        let step = (bytes.len() / 150).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let truncated = bytes[..cut].to_vec();
            // A truncated file is never taken for a whole one.
            assert!(
                read_all(truncated.clone()).is_err(),
                "{name}: cut at {cut} read as whole"
            );
            check(name, truncated);
        }
        for (i, at) in (0..bytes.len()).step_by(step).enumerate() {
            let mut flipped = bytes.clone();
            flipped[at] = [b'<', b'&', b'>', 0xFF, b'"', 0][i % 6];
            check(name, flipped);
        }
    }
}
