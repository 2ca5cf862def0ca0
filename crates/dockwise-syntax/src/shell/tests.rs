use super::*;

/// Parse a plain script placed at source offset 0.
fn parse(text: &str) -> Script {
    parse_script(&LogicalText::from_plain(text, 0))
}

fn names(script: &Script) -> Vec<&str> {
    script.commands.iter().filter_map(|c| c.name()).collect()
}

fn values(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.value.as_str()).collect()
}

#[test]
fn splits_apt_get_update_and_install_into_two_commands_joined_by_and() {
    let s = parse("apt-get update && apt-get install -y curl");
    assert_eq!(s.error, None);
    assert_eq!(s.commands.len(), 2);
    assert_eq!(s.commands[0].joined_by, None);
    assert_eq!(s.commands[1].joined_by, Some(Joiner::And));
    assert_eq!(
        values(&s.commands[1].words),
        ["apt-get", "install", "-y", "curl"]
    );
    assert!(s.commands[1].has_flag("-y"));
    assert_eq!(s.commands[1].subcommand(), Some("install"));
    assert_eq!(s.commands[0].span, Span::new(0, 14));
}

#[test]
fn words_are_decoded_and_spans_cover_the_quotes() {
    let src = r#"pip install "flask==2.0" 'a b' c\ d"#;
    let s = parse(src);
    let args = s.commands[0].args();
    assert_eq!(values(args), ["install", "flask==2.0", "a b", "c d"]);
    assert_eq!(args[1].span.text(src), r#""flask==2.0""#);
    assert_eq!(args[2].span.text(src), "'a b'");
}

#[test]
fn expansions_are_left_as_written() {
    let s = parse(r#"echo "$HOME" ${A:-x} $(date +%s) `id -u`"#);
    assert_eq!(
        values(&s.commands[0].words),
        ["echo", "$HOME", "${A:-x}", "$(date +%s)", "`id -u`"]
    );
}

/// `RUN apt-get update \` + newline + `    && apt-get install -y curl` as a logical text.
fn continued() -> (String, LogicalText) {
    let source = "RUN apt-get update \\\n    && apt-get install -y curl\n".to_string();
    let first = "apt-get update ";
    let second = "    && apt-get install -y curl";
    let second_start = source.find("    &&").unwrap();
    let lt = LogicalText {
        text: format!("{first}{second}"),
        segments: vec![
            (0, 4, first.len()),
            (first.len(), second_start, second.len()),
        ],
    };
    (source, lt)
}

#[test]
fn spans_point_to_the_source_across_a_continuation() {
    let (source, lt) = continued();
    let s = parse_script(&lt);
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["apt-get", "apt-get"]);
    let curl = &s.commands[1].words[3];
    assert_eq!(curl.value, "curl");
    assert_eq!(curl.span.text(&source), "curl");
    assert_eq!(s.commands[1].span.text(&source), "apt-get install -y curl");
    assert_eq!(s.commands[0].words[0].span, Span::new(4, 11));
}

#[test]
fn joiners_cover_or_sequence_newline_and_background() {
    let s = parse("a || b; c\nd & e");
    assert_eq!(names(&s), ["a", "b", "c", "d", "e"]);
    let joiners: Vec<_> = s.commands.iter().map(|c| c.joined_by).collect();
    assert_eq!(
        joiners,
        [
            None,
            Some(Joiner::Or),
            Some(Joiner::Sequence),
            Some(Joiner::Sequence),
            Some(Joiner::Background)
        ]
    );
}

#[test]
fn pipes_share_a_pipeline() {
    let s = parse("curl -fsSL https://x.sh | sh && echo done | tee log");
    assert_eq!(names(&s), ["curl", "sh", "echo", "tee"]);
    let c = &s.commands;
    assert_eq!(c[1].joined_by, Some(Joiner::Pipe));
    assert_eq!(c[0].pipeline, c[1].pipeline);
    assert_ne!(c[1].pipeline, c[2].pipeline);
    assert_eq!(c[2].pipeline, c[3].pipeline);
    let pipelines = s.pipelines();
    assert_eq!(pipelines.len(), 2);
    assert_eq!(pipelines[0][1].name(), Some("sh"));
}

#[test]
fn subshells_groups_and_control_flow_nest() {
    let s = parse("cd /x && (make; make install) && { echo a; } && if [ -f y ]; then rm y; fi");
    let got: Vec<(&str, usize)> = s
        .commands
        .iter()
        .map(|c| (c.name().unwrap_or(""), c.depth))
        .collect();
    assert_eq!(
        got,
        [
            ("cd", 0),
            ("make", 1),
            ("make", 1),
            ("echo", 1),
            ("[", 1),
            ("rm", 1)
        ]
    );
    assert_eq!(s.commands[1].joined_by, Some(Joiner::And));
    assert_eq!(s.commands[2].joined_by, Some(Joiner::Sequence));
    assert_eq!(s.commands[3].joined_by, Some(Joiner::And));
}

#[test]
fn loops_and_case_bodies_are_read() {
    let s = parse("for f in a b; do rm $f; done; while read l; do echo $l; done < list; case $x in a) ls;; esac");
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["rm", "read", "echo", "ls"]);
    assert!(s.commands.iter().all(|c| c.depth == 1));
    // The loop's redirection lands on its last command.
    assert_eq!(s.commands[2].redirects[0].operator, "<");
}

#[test]
fn command_substitutions_are_one_level_deeper() {
    let src = r#"ARCH="$(dpkg --print-architecture)" && wget -O x "https://e/$(uname -m)/y""#;
    let s = parse(src);
    let got: Vec<(&str, usize, bool)> = s
        .commands
        .iter()
        .map(|c| (c.name().unwrap_or(""), c.depth, c.in_substitution))
        .collect();
    assert_eq!(
        got,
        [
            ("", 0, false),
            ("dpkg", 1, true),
            ("wget", 0, false),
            ("uname", 1, true)
        ]
    );
    assert_eq!(
        s.commands[0].assignments[0].value,
        "ARCH=$(dpkg --print-architecture)"
    );
    assert_eq!(s.commands[1].span.text(src), "dpkg --print-architecture");
    assert_eq!(s.commands[2].joined_by, Some(Joiner::And));
    assert_eq!(s.top_level().count(), 2);
}

#[test]
fn redirections_keep_operator_fd_and_target() {
    let src = "make > /var/log/build.log 2>&1 && cat < in >> out &> all";
    let s = parse(src);
    let ops: Vec<(&str, Option<&str>, &str)> = s
        .commands
        .iter()
        .flat_map(|c| &c.redirects)
        .map(|r| {
            (
                r.operator.as_str(),
                r.target.as_ref().map(|t| t.value.as_str()),
                r.span.text(src),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            (">", Some("/var/log/build.log"), "> /var/log/build.log"),
            ("2>&1", None, "2>&1"),
            ("<", Some("in"), "< in"),
            (">>", Some("out"), ">> out"),
            ("&>", Some("all"), "&> all"),
        ]
    );
    assert_eq!(values(&s.commands[0].words), ["make"]);
    assert_eq!(
        s.commands[0].span.text(src),
        "make > /var/log/build.log 2>&1"
    );
}

#[test]
fn leading_assignments_are_separate_from_words() {
    let s = parse("DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata");
    assert_eq!(
        values(&s.commands[0].assignments),
        ["DEBIAN_FRONTEND=noninteractive"]
    );
    assert_eq!(s.commands[0].name(), Some("apt-get"));
    let s = parse("export PATH=/x:$PATH");
    assert_eq!(values(&s.commands[0].words), ["export", "PATH=/x:$PATH"]);
}

#[test]
fn set_eux_and_trailing_separators_are_fine() {
    let s = parse("set -eux; \\\n apt-get update;");
    assert_eq!(s.error, None, "{s:?}");
    assert_eq!(names(&s), ["set", "apt-get"]);
}

#[test]
fn unbalanced_quotes_fall_back_to_a_best_effort_split() {
    let src = r#"echo "oops && apt-get install -y curl; ls | wc -l"#;
    let s = parse(src);
    assert!(s.error.is_some());
    // The open quote swallows the rest: one command.
    assert_eq!(names(&s), ["echo"]);
    let s = parse("apt-get update && echo 'it''s && apt-get install -y 'x");
    assert!(s.error.is_some() || !s.commands.is_empty());
    let s = parse("apt-get update && echo \"a && b\" ) && apt-get install -y x");
    assert!(s.error.is_some());
    assert_eq!(names(&s), ["apt-get", "echo", "apt-get"]);
    assert_eq!(s.commands[1].args()[0].value, "a && b");
    assert_eq!(s.commands[2].joined_by, Some(Joiner::And));
    assert!(s.commands[2].has_flag("-y"));
}

#[test]
fn powershell_and_cmd_syntax_do_not_panic() {
    for src in [
        "$ErrorActionPreference = 'Stop'; Invoke-WebRequest -Uri $url -OutFile x.zip; Expand-Archive x.zip -DestinationPath C:\\",
        "if not exist C:\\x mkdir C:\\x && setx /M PATH \"%PATH%;C:\\x\"",
        "@{a=1} | % { $_ } ; [Net.ServicePointManager]::SecurityProtocol = 'Tls12'",
        "echo ${unterminated",
        "echo $(unterminated",
        "echo `unterminated",
        "((((((",
        "))))",
        "99999999999999>x echo",
        "case",
        "",
        "   \n\t",
        "é && ü | ö",
    ] {
        let s = parse(src);
        for c in &s.commands {
            assert!(c.span.end <= src.len(), "{src}: {c:?}");
            for w in &c.words {
                assert!(w.span.start <= w.span.end && w.span.end <= src.len());
            }
        }
    }
}

#[test]
fn deep_nesting_and_long_scripts_return() {
    let deep = format!("{}echo{}", "(".repeat(5000), ")".repeat(5000));
    let s = parse(&deep);
    assert!(s.error.is_some());
    let subs = format!("{}x{}", "$(echo ".repeat(200), ")".repeat(200));
    parse(&subs);
    let long = vec!["apt-get install -y pkg"; 2000].join(" && ");
    let s = parse(&long);
    assert_eq!(s.error, None);
    assert_eq!(s.commands.len(), 2000);
}

#[test]
fn heredocs_inside_run_scripts() {
    // The Dockerfile keeps the body elsewhere: the opener still parses.
    let s = parse("cat <<EOF > /etc/app.conf && chmod 600 /etc/app.conf");
    assert_eq!(s.error, None, "{s:?}");
    assert_eq!(names(&s), ["cat", "chmod"]);
    assert_eq!(s.commands[0].redirects[0].operator, "<<");
    assert_eq!(
        s.commands[0].redirects[1].target.as_ref().unwrap().value,
        "/etc/app.conf"
    );
    // With its body present, the body is not read as commands.
    let s = parse("cat <<'EOF' > x\nrm -rf /\nEOF\nls");
    assert_eq!(names(&s), ["cat", "ls"]);
}

#[test]
fn heredoc_bodies_parse_with_source_spans() {
    let source = "FROM a\nRUN <<EOF\nset -eux\napt-get update\nEOF\n";
    let start = source.find("set").unwrap();
    let end = source.rfind("EOF\n").unwrap();
    let s = parse_heredoc_script(source, Span::new(start, end));
    assert_eq!(s.error, None);
    assert_eq!(names(&s), ["set", "apt-get"]);
    assert_eq!(s.commands[1].span.text(source), "apt-get update");
    assert_eq!(s.commands[1].joined_by, Some(Joiner::Sequence));
}

#[test]
fn non_ascii_text_maps_to_byte_spans() {
    let src = "echo 'héllo wörld' && touch ü";
    let s = parse(src);
    assert_eq!(s.error, None);
    assert_eq!(s.commands[0].words[1].value, "héllo wörld");
    assert_eq!(s.commands[0].words[1].span.text(src), "'héllo wörld'");
    assert_eq!(s.commands[1].words[1].span.text(src), "ü");
}

#[test]
fn helpers_find_commands_and_flags() {
    let s = parse("apt-get update && apt-get install -qy --no-install-recommends curl && rm -rf /var/lib/apt/lists/*");
    let installs: Vec<usize> = s.find("apt-get").map(|(i, _)| i).collect();
    assert_eq!(installs, [0, 1]);
    let install = &s.commands[1];
    assert!(install.has_flag("-y"));
    assert!(install.has_flag("-q"));
    assert!(install.has_flag("--no-install-recommends"));
    assert!(!install.has_flag("--no-cache"));
    assert_eq!(
        install
            .operands()
            .map(|w| w.value.as_str())
            .collect::<Vec<_>>(),
        ["install", "curl"]
    );
    assert!(s.after(1).iter().any(|c| c.is("rm")));
    let s = parse("/usr/local/bin/pip install --target /opt x");
    assert!(s.has_command("pip"));
    assert_eq!(
        s.commands[0].flag_value("--target").map(|w| w.value),
        Some("/opt".to_string())
    );
    let src = "pip install --target=/opt x";
    let s = parse(src);
    let value = s.commands[0].flag_value("--target").unwrap();
    assert_eq!(value.value, "/opt");
    assert_eq!(value.span.text(src), "/opt");
}

#[test]
fn literal_backslash_newlines_in_heredoc_bodies_keep_exact_spans() {
    let src = "apt-get install \\\n    curl \\\n  > /tmp/log";
    let s = parse(src);
    assert_eq!(s.error, None);
    let c = &s.commands[0];
    assert_eq!(values(&c.words), ["apt-get", "install", "curl"]);
    assert_eq!(c.words[2].span.text(src), "curl");
    assert_eq!(c.redirects[0].span.text(src), "> /tmp/log");
    assert_eq!(c.redirects[0].operator, ">");
}

#[test]
fn the_fallback_understands_blocks_case_patterns_and_group_redirects() {
    // The unclosed quote at the end sends the whole script to the fallback.
    let src = "case $a in x|y) echo 1 ;; *) echo 2 ;; esac; for f in a b; do rm $f; done; { echo a; } > out; echo 'oops";
    let s = parse(src);
    assert!(s.error.is_some());
    let got: Vec<(&str, usize)> = s
        .commands
        .iter()
        .map(|c| (c.name().unwrap_or(""), c.depth))
        .collect();
    assert_eq!(
        got,
        [
            ("echo", 1),
            ("echo", 1),
            ("rm", 1),
            ("echo", 1),
            ("echo", 0)
        ]
    );
    assert_eq!(s.commands[3].redirects[0].span.text(src), "> out");
}

#[test]
fn nested_subshells_are_not_arithmetic() {
    let s = parse("cd /x && ( (make && make install) | tee log )");
    let got: Vec<(&str, usize, Option<Joiner>)> = s
        .commands
        .iter()
        .map(|c| (c.name().unwrap_or(""), c.depth, c.joined_by))
        .collect();
    assert_eq!(
        got,
        [
            ("cd", 0, None),
            ("make", 2, Some(Joiner::And)),
            ("make", 2, Some(Joiner::And)),
            ("tee", 1, Some(Joiner::Pipe))
        ]
    );
    // Real arithmetic stays silent.
    assert!(parse("(( i++ ))").commands.is_empty());
}

#[test]
fn deep_keyword_nesting_falls_back_instead_of_overflowing() {
    let text = format!("{}echo{}", "if true; then ".repeat(100), "; fi".repeat(100));
    let s = parse(&text);
    assert_eq!(s.error.as_deref(), Some("script nested too deeply"));
    assert_eq!(names(&s).last(), Some(&"echo"));
}

#[test]
fn wrappers_are_seen_through() {
    let s = parse("sudo -E -u root env DEBIAN_FRONTEND=noninteractive apt-get install -y x; gosu app /usr/bin/python3 app.py; env");
    let c = &s.commands;
    assert_eq!(values(c[0].unwrapped()), ["apt-get", "install", "-y", "x"]);
    assert!(c[0].runs("apt-get"));
    assert!(!c[0].is("apt-get"));
    assert!(c[1].runs("python3"));
    // A wrapper with nothing after it is the command itself.
    assert_eq!(values(c[2].unwrapped()), ["env"]);
}

#[test]
fn a_command_is_a_program_by_its_name_without_the_directory() {
    let words = [
        "pip",
        "/usr/bin/pip",
        "xpip",
        "/usr/bin/xpip",
        "bin/pip",
        "pip/",
        "/",
        "",
        "a/b",
        // Longer than the 23 bytes a command holds itself: read from the words.
        "/usr/local/bin/docker-php-ext-configure-all",
        "docker-php-ext-configure-all",
        "docker-php-ext-configure",
        "12345678901234567890123",
    ];
    let names = [
        "pip",
        "xpip",
        "bin/pip",
        "a/b",
        "b",
        "",
        "/",
        "docker-php-ext-configure-all",
        "docker-php-ext-configure",
        "12345678901234567890123",
    ];
    for word in words {
        let c = &parse(&format!("{word} x")).commands;
        let Some(c) = c.first().filter(|c| c.name() == Some(word)) else {
            continue;
        };
        for name in names {
            let program = word.rsplit('/').next().unwrap_or(word);
            assert_eq!(c.is(name), program == name, "{word:?} is {name:?}");
            assert_eq!(c.runs(name), program == name, "{word:?} runs {name:?}");
            assert_eq!(c.program(), Some(program));
        }
    }
    assert!(parse("/usr/bin/pip install x").commands[0].is("pip"));
    assert!(!parse("/usr/bin/xpip install x").commands[0].is("pip"));
}

#[test]
fn top_level_commands_are_outside_compounds_and_substitutions() {
    let s = parse("a && (b) && if c; then d; fi && echo $(e)");
    let top: Vec<(&str, bool)> = s
        .commands
        .iter()
        .map(|c| (c.name().unwrap_or(""), c.at_top_level()))
        .collect();
    assert_eq!(
        top,
        [
            ("a", true),
            ("b", false),
            ("c", false),
            ("d", false),
            ("echo", true),
            ("e", false)
        ]
    );
}
