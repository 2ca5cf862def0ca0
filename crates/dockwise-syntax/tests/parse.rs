//! The parser, construct by construct: each test is an input and the readable dump of what was read
//! (see `dockwise_syntax::dump`). `check` also verifies the lossless invariants on every input.

mod support;

use support::check;

#[test]
fn directives_at_the_top() {
    check(
        "# syntax=docker/dockerfile:1\n#escape = `\n# check=skip=JSONArgsRecommended\nFROM a\n",
        r#"escape `
directive syntax = "docker/dockerfile:1"
directive escape = "`"
directive check = "skip=JSONArgsRecommended"
FROM "a"
  image "a" name="a"
"#,
    );
}

#[test]
fn directive_after_a_comment_is_a_comment() {
    check(
        "# hello\n# escape=`\nFROM a\n",
        r##"comment "# hello"
comment "# escape=`"
FROM "a"
  image "a" name="a"
"##,
    );
}

#[test]
fn directive_after_a_blank_line_is_a_comment() {
    check(
        "\n# escape=`\nFROM a\n",
        r##"blank
comment "# escape=`"
FROM "a"
  image "a" name="a"
"##,
    );
}

#[test]
fn unknown_directive_ends_the_directives() {
    check(
        "# foo=bar\n# escape=`\nFROM a\n",
        r##"comment "# foo=bar"
comment "# escape=`"
FROM "a"
  image "a" name="a"
"##,
    );
}

#[test]
fn duplicate_and_invalid_directives() {
    check(
        "# escape=x\n# escape=\\\nFROM a\n",
        r##"directive escape = "x"
directive escape = "\\"
FROM "a"
  image "a" name="a"
error 1:10 "x": invalid escape character `x`: use \ (the default) or `
error 2:1 "# escape=\\": only one escape parser directive can be used; remove this one
"##,
    );
}

#[test]
fn comments_and_blank_lines() {
    check(
        "# top\n\n   \t\n  # indented\nFROM a\n",
        r##"comment "# top"
blank
blank
comment "# indented"
FROM "a"
  image "a" name="a"
"##,
    );
}

#[test]
fn keywords_are_case_insensitive() {
    check(
        "from a\nRun echo hi\ncOpY a b\n",
        r#"FROM "a"
  image "a" name="a"
RUN "echo hi"
  shell "echo hi"
COPY "a b"
  sources ["a"] destination "b"
"#,
    );
}

#[test]
fn continuation_lines() {
    check(
        "RUN apt-get update \\\n    && apt-get install -y curl \\  \n    && rm -rf /var/lib/apt/lists/*\n",
        r#"RUN "apt-get update \\\n    && apt-get install -y curl \\  \n    && rm -rf /var/lib/apt/lists/*"
  shell "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*"
"#,
    );
}

#[test]
fn comment_and_empty_lines_inside_a_continuation() {
    check(
        "RUN a \\\n  # first\n\n   \n    # second\n  b\nCMD c\n",
        r##"RUN "a \\\n  # first\n\n   \n    # second\n  b"
  shell "a   b"
  comment "# first"
  comment "# second"
CMD "c"
  shell "c"
"##,
    );
}

#[test]
fn continuation_swallows_the_next_instruction_after_a_comment() {
    check(
        "RUN a \\\n# c\nFROM b\n",
        r##"RUN "a \\\n# c\nFROM b"
  shell "a FROM b"
  comment "# c"
"##,
    );
}

#[test]
fn escaped_escape_at_end_is_not_a_continuation() {
    check(
        "RUN echo \\\\\nRUN b\n",
        r#"RUN "echo \\\\"
  shell "echo \\\\"
RUN "b"
  shell "b"
"#,
    );
}

#[test]
fn trailing_continuation_at_eof() {
    check(
        "RUN a \\\n",
        r#"RUN "a \\"
  shell "a"
"#,
    );
}

#[test]
fn lone_continuation_line_joins_the_next() {
    check(
        "\\\nRUN a\n",
        r#"RUN "a"
  shell "a"
"#,
    );
}

#[test]
fn lone_continuation_at_eof() {
    check(
        "FROM a\n\\",
        r#"FROM "a"
  image "a" name="a"
unreadable "\\"
error 2:1 "\\": a line continuation with no instruction after it
"#,
    );
}

#[test]
fn backtick_escape() {
    check(
        "# escape=`\nFROM windows\nRUN dir c:\\ `\n  && echo `\"hi`\"\nENV A=b` c\n",
        r#"escape `
directive escape = "`"
FROM "windows"
  image "windows" name="windows"
RUN "dir c:\\ `\n  && echo `\"hi`\""
  shell "dir c:\\   && echo `\"hi`\""
ENV "A=b` c"
  "A" = "b c"<-"b` c"
"#,
    );
}

#[test]
fn crlf_line_endings() {
    check(
        "FROM a\r\nRUN b \\\r\n  c\r\n\r\nCMD [\"d\"]\r\n",
        r#"FROM "a"
  image "a" name="a"
RUN "b \\\r\n  c"
  shell "b   c"
blank
CMD "[\"d\"]"
  exec ["d"<-"\"d\""]
"#,
    );
}

#[test]
fn bom_and_tabs() {
    check(
        "\u{feff}FROM\ta\n\tRUN\tb\n",
        r#"bom
FROM "a"
  image "a" name="a"
RUN "b"
  shell "b"
"#,
    );
}

#[test]
fn no_final_newline() {
    check(
        "FROM a\nRUN b",
        r#"FROM "a"
  image "a" name="a"
RUN "b"
  shell "b"
"#,
    );
}

#[test]
fn flags() {
    check(
        "RUN --mount=type=cache,target=/root/.cache --network=none pip install x\nCOPY --chown=1000:1000 --link a b\nFROM --platform=$BUILDPLATFORM golang AS build\n",
        r#"RUN "pip install x"
  flag mount = "type=cache,target=/root/.cache"
  flag network = "none"
  shell "pip install x"
COPY "a b"
  flag chown = "1000:1000"
  flag link
  sources ["a"] destination "b"
FROM "golang AS build"
  flag platform = "$BUILDPLATFORM"
  image "golang" name="golang"
  AS "build"
"#,
    );
}

#[test]
fn quoted_flag_value_and_double_dash() {
    check(
        "RUN --mount=\"type=secret,id=a b\" -- --not-a-flag\n",
        r#"RUN "--not-a-flag"
  flag mount = "type=secret,id=a b"<-"\"type=secret,id=a b\""
  shell "--not-a-flag"
"#,
    );
}

#[test]
fn exec_form() {
    check(
        "CMD [\"nginx\", \"-g\", \"daemon off;\"]\nENTRYPOINT [ \"/bin/sh\" , \"-c\" ]\nRUN [\"a\\\"b\", \"\\u00e9\"]\n",
        r#"CMD "[\"nginx\", \"-g\", \"daemon off;\"]"
  exec ["nginx"<-"\"nginx\"", "-g"<-"\"-g\"", "daemon off;"<-"\"daemon off;\""]
ENTRYPOINT "[ \"/bin/sh\" , \"-c\" ]"
  exec ["/bin/sh"<-"\"/bin/sh\"", "-c"<-"\"-c\""]
RUN "[\"a\\\"b\", \"\\u00e9\"]"
  exec ["a\"b"<-"\"a\\\"b\"", "é"<-"\"\\u00e9\""]
"#,
    );
}

#[test]
fn exec_form_across_lines() {
    check(
        "CMD [\"a\", \\\n     \"b\"]\n",
        r#"CMD "[\"a\", \\\n     \"b\"]"
  exec ["a"<-"\"a\"", "b"<-"\"b\""]
"#,
    );
}

#[test]
fn not_json_is_shell_form() {
    check(
        "CMD ['single', 'quotes']\nCMD [\"unclosed\"\nCMD [\"a\",]\n",
        r#"CMD "['single', 'quotes']"
  shell "['single', 'quotes']"
CMD "[\"unclosed\""
  shell "[\"unclosed\""
CMD "[\"a\",]"
  shell "[\"a\",]"
"#,
    );
}

#[test]
fn json_with_non_strings_is_an_error() {
    check(
        "CMD [\"a\", 1]\n",
        r#"CMD "[\"a\", 1]"
  invalid
error 1:5 "[\"a\", 1]": CMD in JSON form takes only strings, such as ["executable", "arg"]
"#,
    );
}

#[test]
fn shell_needs_json() {
    check(
        "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nSHELL /bin/sh\n",
        r#"SHELL "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]"
  exec ["/bin/bash"<-"\"/bin/bash\"", "-o"<-"\"-o\"", "pipefail"<-"\"pipefail\"", "-c"<-"\"-c\""]
SHELL "/bin/sh"
  shell "/bin/sh"
error 2:7 "/bin/sh": SHELL needs the JSON form, such as SHELL ["/bin/bash", "-c"]
"#,
    );
}

#[test]
fn empty_run() {
    check(
        "RUN\n",
        r#"RUN ""
  shell ""
"#,
    );
}

#[test]
fn env_forms() {
    check(
        "ENV A=1 B=\"x y\" C=d\\ e D=$HOME/${E:-f}\nENV PATH /usr/local/bin:$PATH\nENV G='$literal' H=\"\\$esc\"\n",
        r#"ENV "A=1 B=\"x y\" C=d\\ e D=$HOME/${E:-f}"
  "A" = "1"
  "B" = "x y"<-"\"x y\""
  "C" = "d e"<-"d\\ e"
  "D" = "$HOME/${E:-f}"
ENV "PATH /usr/local/bin:$PATH"
  "PATH" = "/usr/local/bin:$PATH" (legacy)
ENV "G='$literal' H=\"\\$esc\""
  "G" = "\\$literal"<-"'$literal'"
  "H" = "\\$esc"<-"\"\\$esc\""
"#,
    );
}

#[test]
fn env_errors() {
    check(
        "ENV ONLYKEY\nENV A=1 B\nENV\nENV \"K=V\"\nLABEL a=\"open\n",
        r#"ENV "ONLYKEY"
  "ONLYKEY" (legacy)
ENV "A=1 B"
  "A" = "1"
ENV ""
  invalid
ENV "\"K=V\""
  "K"<-"\"K" = "V"<-"V\""
LABEL "a=\"open"
  "a" = "open"<-"\"open"
error 1:5 "ONLYKEY": ENV ONLYKEY has no value: write ENV ONLYKEY=value
error 2:9 "B": `B` has no `=`: when one pair uses `=`, every pair must (ENV KEY=value OTHER=value)
error 3:1 "ENV": ENV needs arguments: ENV KEY=value ...
error 4:5 "\"K": the ENV key `"K` opens a quote that closes after the `=`; quote only the value: ENV K="..."
"#,
    );
}

#[test]
fn label_keys_may_be_quoted() {
    check(
        "LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 \\\n      description=\"multi word\"\n",
        r#"LABEL "\"com.example.vendor\"=\"ACME Inc\" version=1.0 \\\n      description=\"multi word\""
  "com.example.vendor"<-"\"com.example.vendor\"" = "ACME Inc"<-"\"ACME Inc\""
  "version" = "1.0"
  "description" = "multi word"<-"\"multi word\""
"#,
    );
}

#[test]
fn arg_forms() {
    check(
        "ARG VERSION\nARG A=1 B\nARG C=\"x y\"\n",
        r#"ARG "VERSION"
  "VERSION"
ARG "A=1 B"
  "A" = "1"
  "B"
ARG "C=\"x y\""
  "C" = "x y"<-"\"x y\""
"#,
    );
}

#[test]
fn copy_and_add() {
    check(
        "COPY a b c /dest/\nADD [\"a b\", \"/dest dir/\"]\nCOPY --from=build /out /app\nADD https://example.com/x.tgz /x\n",
        r#"COPY "a b c /dest/"
  sources ["a", "b", "c"] destination "/dest/"
ADD "[\"a b\", \"/dest dir/\"]"
  sources ["a b"<-"\"a b\""] destination "/dest dir/"<-"\"/dest dir/\"" (json)
COPY "/out /app"
  flag from = "build"
  sources ["/out"] destination "/app"
ADD "https://example.com/x.tgz /x"
  sources ["https://example.com/x.tgz"] destination "/x"
"#,
    );
}

#[test]
fn copy_needs_a_destination() {
    check(
        "COPY onlyone\n",
        r#"COPY "onlyone"
  sources ["onlyone"]
error 1:6 "onlyone": COPY needs a source and a destination: COPY source... destination
"#,
    );
}

#[test]
fn from_references() {
    check(
        "FROM ubuntu\nFROM python:3.12-slim AS build\nFROM ghcr.io/owner/repo:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM localhost:5000/a/b\nFROM ${REGISTRY:-docker.io}/app:${TAG} as final\nFROM scratch\n",
        r#"FROM "ubuntu"
  image "ubuntu" name="ubuntu"
FROM "python:3.12-slim AS build"
  image "python:3.12-slim" name="python" tag="3.12-slim"
  AS "build"
FROM "ghcr.io/owner/repo:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  image "ghcr.io/owner/repo:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" registry="ghcr.io" name="owner/repo" tag="1.0" digest="sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
FROM "localhost:5000/a/b"
  image "localhost:5000/a/b" registry="localhost:5000" name="a/b"
FROM "${REGISTRY:-docker.io}/app:${TAG} as final"
  image "${REGISTRY:-docker.io}/app:${TAG}" registry="${REGISTRY:-docker.io}" name="app" tag="${TAG}" has-variables
  as "final"
FROM "scratch"
  image "scratch" name="scratch"
"#,
    );
}

#[test]
fn from_errors() {
    check(
        "FROM\nFROM a:\nFROM a b\nFROM a AS\nFROM @x@\n",
        r#"FROM ""
  invalid
FROM "a:"
  image "a:" name="a" tag=""
FROM "a b"
  image "a" name="a"
FROM "a AS"
  image "a" name="a"
FROM "@x@"
  image "@x@" name="" digest="x@"
error 1:1 "FROM": FROM needs arguments: FROM image[:tag] [AS name]
error 2:7 ":": invalid image reference `a:`: `a:` has `:` but no tag after it
error 3:8 "b": FROM takes an image and an optional `AS name`; this is neither
error 4:8 "AS": FROM takes one stage name after AS: FROM image AS name
error 5:6 "@x@": invalid image reference `@x@`: the image name is empty before `@`
"#,
    );
}

#[test]
fn words_instructions() {
    check(
        "EXPOSE 80 443/tcp 8000-8010 53/udp ${PORT}\nUSER app:app\nWORKDIR /my app\nVOLUME /a /b\nVOLUME [\"/c\", \"/d\"]\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane Doe <jane@example.com>\n",
        r#"EXPOSE "80 443/tcp 8000-8010 53/udp ${PORT}"
  words ["80", "443/tcp", "8000-8010", "53/udp", "${PORT}"]
USER "app:app"
  words ["app:app"]
WORKDIR "/my app"
  words ["/my app"]
VOLUME "/a /b"
  words ["/a", "/b"]
VOLUME "[\"/c\", \"/d\"]"
  words ["/c"<-"\"/c\"", "/d"<-"\"/d\""]
STOPSIGNAL "SIGTERM"
  words ["SIGTERM"]
MAINTAINER "Jane Doe <jane@example.com>"
  words ["Jane Doe <jane@example.com>"]
"#,
    );
}

#[test]
fn expose_errors() {
    check(
        "EXPOSE :80 80:8080 80/http 99999 abc\nEXPOSE 8080 # web\n",
        r##"EXPOSE ":80 80:8080 80/http 99999 abc"
  words [":80", "80:8080", "80/http", "99999", "abc"]
EXPOSE "8080 # web"
  words ["8080", "#", "web"]
error 1:8 ":80": EXPOSE takes container ports only; `:80` maps a host port, which belongs in `docker run -p`: write EXPOSE 80
error 1:12 "80:8080": EXPOSE takes container ports only; `80:8080` maps a host port, which belongs in `docker run -p`: write EXPOSE 8080
error 1:20 "80/http": `80/http` has an unknown protocol `http`: use tcp, udp or sctp
error 1:28 "99999": `99999` is not a port: write a number (80), a range (8000-8010), optionally with /tcp, /udp or /sctp
error 1:34 "abc": `abc` is not a port: write a number (80), a range (8000-8010), optionally with /tcp, /udp or /sctp
error 2:13 "# web": EXPOSE does not take comments: `#` starts a comment only at the beginning of a line; move it to its own line
"##,
    );
}

#[test]
fn healthcheck() {
    check(
        "HEALTHCHECK NONE\nHEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD [\"/bin/check\"]\n",
        r#"HEALTHCHECK "NONE"
  none
HEALTHCHECK "CMD curl -f http://localhost/ || exit 1"
  flag interval = "5m"
  flag timeout = "3s"
  cmd
    shell "curl -f http://localhost/ || exit 1"
HEALTHCHECK "CMD [\"/bin/check\"]"
  cmd
    exec ["/bin/check"<-"\"/bin/check\""]
"#,
    );
}

#[test]
fn healthcheck_errors() {
    check(
        "HEALTHCHECK\nHEALTHCHECK NONE now\nHEALTHCHECK PING x\nHEALTHCHECK CMD\n",
        r#"HEALTHCHECK ""
  invalid
HEALTHCHECK "NONE now"
  none
HEALTHCHECK "PING x"
  words ["PING", "x"]
HEALTHCHECK "CMD"
  cmd
    shell ""
error 2:18 "now": HEALTHCHECK NONE takes no arguments
"#,
    );
}

#[test]
fn onbuild() {
    check(
        "ONBUILD RUN make\nONBUILD COPY --chown=a . /app\nonbuild add [\"a\", \"b\"]\n",
        r#"ONBUILD "RUN make"
  RUN "make"
    shell "make"
ONBUILD "COPY --chown=a . /app"
  COPY ". /app"
    flag chown = "a"
    sources ["."] destination "/app"
ONBUILD "add [\"a\", \"b\"]"
  ADD "[\"a\", \"b\"]"
    sources ["a"<-"\"a\""] destination "b"<-"\"b\"" (json)
"#,
    );
}

#[test]
fn onbuild_errors() {
    check(
        "ONBUILD\nONBUILD ONBUILD RUN x\nONBUILD FROM x\nONBUILD FORM x\n",
        r#"ONBUILD ""
  invalid
ONBUILD "ONBUILD RUN x"
  ONBUILD "RUN x"
    RUN "x"
      shell "x"
ONBUILD "FROM x"
  FROM "x"
    image "x" name="x"
ONBUILD "FORM x"
  invalid
error 1:1 "ONBUILD": ONBUILD needs arguments: ONBUILD instruction
error 2:9 "ONBUILD": ONBUILD cannot trigger ONBUILD
error 3:9 "FROM": ONBUILD cannot trigger FROM
error 4:9 "FORM": unknown instruction FORM (did you mean FROM?)
"#,
    );
}

#[test]
fn unknown_instruction_recovers_at_the_next_line() {
    check(
        "FROM a\nFORM b \\\n  c\nRUN d\nCOPPY e f\napt-get install x\n",
        r#"FROM "a"
  image "a" name="a"
unreadable "FORM b \\\n  c\n"
RUN "d"
  shell "d"
unreadable "COPPY e f\n"
unreadable "apt-get install x\n"
error 2:1 "FORM": unknown instruction FORM (did you mean FROM?)
error 5:1 "COPPY": unknown instruction COPPY (did you mean COPY?)
error 6:1 "apt-get": unknown instruction apt-get: an instruction starts with a keyword such as FROM, RUN or COPY
"#,
    );
}

#[test]
fn heredoc_run() {
    check(
        "RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nCMD x\n",
        r#"RUN "<<EOF"
  shell "<<EOF"
  heredoc <<EOF delimiter="EOF" body="apt-get update\napt-get install -y curl\n" end="EOF\n"
CMD "x"
  shell "x"
"#,
    );
}

#[test]
fn heredoc_strip_tabs_and_quotes() {
    check(
        "RUN <<-\"EOT\" bash\n\techo $HOME\n\tEOT\nRUN python3 <<'PY'\nprint(1)\nPY\n",
        r#"RUN "<<-\"EOT\" bash"
  shell "<<-\"EOT\" bash"
  heredoc <<-"EOT" delimiter="EOT" strip-tabs quoted body="\techo $HOME\n" end="\tEOT\n"
RUN "python3 <<'PY'"
  shell "python3 <<'PY'"
  heredoc <<'PY' delimiter="PY" quoted body="print(1)\n" end="PY\n"
"#,
    );
}

#[test]
fn two_heredocs() {
    check(
        "RUN <<A cat /dev/stdin && cat <<B\na\nA\nb\nB\nCMD x\n",
        r#"RUN "<<A cat /dev/stdin && cat <<B"
  shell "<<A cat /dev/stdin && cat <<B"
  heredoc <<A delimiter="A" body="a\n" end="A\n"
  heredoc <<B delimiter="B" body="b\n" end="B\n"
CMD "x"
  shell "x"
"#,
    );
}

#[test]
fn heredoc_copy_with_redirect_and_continuation() {
    check(
        "COPY <<EOF /etc/app.conf\nkey=value\nEOF\nRUN cat > /f <<EOF \\\n  && true\nx\nEOF\n",
        r#"COPY "<<EOF /etc/app.conf"
  sources ["<<EOF"] destination "/etc/app.conf"
  heredoc <<EOF delimiter="EOF" body="key=value\n" end="EOF\n"
RUN "cat > /f <<EOF \\\n  && true"
  shell "cat > /f <<EOF   && true"
  heredoc <<EOF delimiter="EOF" body="x\n" end="EOF\n"
"#,
    );
}

#[test]
fn heredoc_not_in_json_or_here_strings() {
    check(
        "RUN [\"cat\", \"<<EOF\"]\nRUN cat <<<\"x\"\nRUN echo \"<<EOF\"\n",
        r#"RUN "[\"cat\", \"<<EOF\"]"
  exec ["cat"<-"\"cat\"", "<<EOF"<-"\"<<EOF\""]
RUN "cat <<<\"x\""
  shell "cat <<<\"x\""
RUN "echo \"<<EOF\""
  shell "echo \"<<EOF\""
"#,
    );
}

#[test]
fn unterminated_heredoc() {
    check(
        "RUN <<EOF\necho hi\nCMD x\n",
        r#"RUN "<<EOF"
  shell "<<EOF"
  heredoc <<EOF delimiter="EOF" body="echo hi\nCMD x\n" end=""
error 1:5 "<<EOF": unterminated heredoc: no line `EOF` closes it before the end of the file
"#,
    );
}

#[test]
fn heredoc_crlf() {
    check(
        "RUN <<EOF\r\necho hi\r\nEOF\r\nCMD x\r\n",
        r#"RUN "<<EOF"
  shell "<<EOF"
  heredoc <<EOF delimiter="EOF" body="echo hi\r\n" end="EOF\r\n"
CMD "x"
  shell "x"
"#,
    );
}

#[test]
fn heredoc_in_onbuild() {
    check(
        "ONBUILD RUN <<EOF\nmake\nEOF\n",
        r#"ONBUILD "RUN <<EOF"
  RUN "<<EOF"
    shell "<<EOF"
    heredoc <<EOF delimiter="EOF" body="make\n" end="EOF\n"
  heredoc <<EOF delimiter="EOF" body="make\n" end="EOF\n"
"#,
    );
}

#[test]
fn unicode_text() {
    check(
        "LABEL description=\"caf\u{e9} \u{2615}\"\nRUN echo \u{e9} \\\n  \u{fc}\n",
        r#"LABEL "description=\"café ☕\""
  "description" = "café ☕"<-"\"café ☕\""
RUN "echo é \\\n  ü"
  shell "echo é   ü"
"#,
    );
}

#[test]
fn json_then_trailing_text() {
    check(
        "CMD [\"a\"] # not a comment\nCOPY [\"a\", \"b\"]  extra\n",
        r##"CMD "[\"a\"] # not a comment"
  exec ["a"<-"\"a\""]
COPY "[\"a\", \"b\"]  extra"
  sources ["a"<-"\"a\""] destination "b"<-"\"b\"" (json)
error 1:11 "# not a comment": Docker ignores `# not a comment` after the JSON array: remove it, or move a comment to its own line
error 2:18 "extra": Docker ignores `extra` after the JSON array: remove it, or move a comment to its own line
"##,
    );
}

#[test]
fn no_heredoc_when_the_line_does_not_lex() {
    check(
        "RUN cat <<EOF 'unclosed\nEOF\n",
        r#"RUN "cat <<EOF 'unclosed"
  shell "cat <<EOF 'unclosed"
unreadable "EOF\n"
error 2:1 "EOF": unknown instruction EOF: an instruction starts with a keyword such as FROM, RUN or COPY
"#,
    );
}

#[test]
fn heredoc_behind_one_onbuild_only() {
    check(
        "ONBUILD ONBUILD RUN <<EOF\nx\n",
        r#"ONBUILD "ONBUILD RUN <<EOF"
  ONBUILD "RUN <<EOF"
    RUN "<<EOF"
      shell "<<EOF"
unreadable "x\n"
error 1:9 "ONBUILD": ONBUILD cannot trigger ONBUILD
error 2:1 "x": unknown instruction x: an instruction starts with a keyword such as FROM, RUN or COPY
"#,
    );
}

#[test]
fn continuation_with_empty_and_comment_lines_then_heredoc() {
    check(
        "COPY --chmod=755 <<-EOT \\\n\n  # note\n  /usr/local/bin/run\n\t#!/bin/sh\n\techo hi\n\tEOT\n",
        r##"COPY "<<-EOT \\\n\n  # note\n  /usr/local/bin/run"
  flag chmod = "755"
  sources ["<<-EOT"] destination "/usr/local/bin/run"
  heredoc <<-EOT delimiter="EOT" strip-tabs body="\t#!/bin/sh\n\techo hi\n" end="\tEOT\n"
  comment "# note"
"##,
    );
}

#[test]
fn onbuild_nesting_is_bounded() {
    check(
        "ONBUILD ONBUILD ONBUILD ONBUILD ONBUILD ONBUILD RUN x\n",
        r#"ONBUILD "ONBUILD ONBUILD ONBUILD ONBUILD ONBUILD RUN x"
  ONBUILD "ONBUILD ONBUILD ONBUILD ONBUILD RUN x"
    ONBUILD "ONBUILD ONBUILD ONBUILD RUN x"
      ONBUILD "ONBUILD ONBUILD RUN x"
        ONBUILD "ONBUILD RUN x"
          invalid
error 1:33 "ONBUILD": ONBUILD cannot trigger ONBUILD
error 1:25 "ONBUILD": ONBUILD cannot trigger ONBUILD
error 1:17 "ONBUILD": ONBUILD cannot trigger ONBUILD
error 1:9 "ONBUILD": ONBUILD cannot trigger ONBUILD
"#,
    );
}
