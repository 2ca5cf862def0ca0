//! Random input never panics and always round-trips: arbitrary strings, and Dockerfile-shaped text built from
//! the pieces most likely to confuse a line-based parser.

mod support;

use proptest::prelude::*;
use support::invariants;

fn assert_lossless(text: &str) {
    let (file, errors) = dockwise_syntax::parse(text);
    if let Err(problem) = invariants(text, &file, &errors) {
        panic!("{problem} for {text:?}");
    }
}

/// Fragments that matter to the parser: keywords, escapes, quotes, heredocs, JSON, line ends.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("FROM ".to_string()),
        Just("RUN ".to_string()),
        Just("copy ".to_string()),
        Just("ENV ".to_string()),
        Just("ONBUILD ".to_string()),
        Just("HEALTHCHECK ".to_string()),
        Just("# escape=`\n".to_string()),
        Just("# syntax=x\n".to_string()),
        Just("\\\n".to_string()),
        Just("`\n".to_string()),
        Just("\\".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just(" ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("<<EOF".to_string()),
        Just("<<-'E'".to_string()),
        Just("EOF\n".to_string()),
        Just("\tE\n".to_string()),
        Just("[\"a\", \"\\u00e9\"]".to_string()),
        Just("[1, {\"a\": [".to_string()),
        Just("--mount=type=cache".to_string()),
        Just("=".to_string()),
        Just("${A:-b}".to_string()),
        Just("a:b@sha256:".to_string()),
        Just("# c\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("é☕".to_string()),
        proptest::collection::vec(
            proptest::sample::select(&['a', 'z', ':', '/', '@', '.', '=', '-'][..]),
            0..8
        )
        .prop_map(|chars| chars.into_iter().collect::<String>()),
    ]
}

proptest! {
    // XorShift: the default ChaCha generator dominates the run time in unoptimised test builds.
    #![proptest_config(ProptestConfig {
        cases: 2000,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string_round_trips(text in any::<String>()) {
        assert_lossless(&text);
    }

    #[test]
    fn dockerfile_shaped_text_round_trips(parts in proptest::collection::vec(fragment(), 0..40)) {
        assert_lossless(&parts.concat());
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        assert_lossless(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn pathological_inputs() {
    let long_line = "RUN ".to_string() + &"a ".repeat(100_000);
    let many_continuations = "RUN a".to_string() + &" \\\n b".repeat(20_000);
    let deep_json = "CMD ".to_string() + &"[".repeat(50_000) + &"]".repeat(50_000);
    let heredocs = "RUN".to_string() + &" <<A".repeat(5_000) + "\n";
    let nested_onbuild = "ONBUILD ".repeat(200_000) + "RUN x\n";
    for text in [
        long_line,
        many_continuations,
        deep_json,
        heredocs,
        nested_onbuild,
        "\u{feff}".into(),
        "\\".into(),
        "\r".into(),
    ] {
        assert_lossless(&text);
    }
}
