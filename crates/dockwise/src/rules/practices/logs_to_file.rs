//! The app's logs written to files instead of stdout/stderr.

use crate::model::launches;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW1019",
    name: "logs-to-file",
    category: Category::Runtime,
    severity: Severity::Warning,
    docs: rule_docs! {
        what: "Flags a final `CMD`/`ENTRYPOINT` that sends the app's output to a file: a redirection to a `.log` \
               file or under `/var/log` (`> /var/log/app.log 2>&1`), or a log-file option (`--log-file`, \
               `--access-logfile`, `--error-logfile`, `--access-log`, `--error-log`) naming a file rather than \
               `-` or `/dev/stdout`.",
        why: "Docker collects what a container writes to stdout and stderr: `docker logs`, logging drivers and \
              every orchestrator read it. Logs written to a file inside the container are invisible there, grow \
              the container's writable layer without rotation, and are lost with the container.",
        example: "FROM python:3.12-slim\nCOPY . /app\n\
                  CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"--access-logfile\", \"/var/log/access.log\", \"app:app\"]\n",
        fixed: "FROM python:3.12-slim\nCOPY . /app\n\
                CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"--access-logfile\", \"-\", \"app:app\"]\n",
        differences: "`RUN` steps are not checked: what a build step writes to a file is build output, not the \
                      app's logs. Redirections to `/dev/null` are not flagged here.",
    },
    check,
    ..Rule::DEFAULTS
};

const LOG_OPTIONS: [&str; 8] = [
    "--log-file",
    "--logfile",
    "--access-logfile",
    "--error-logfile",
    "--access-log",
    "--error-log",
    "--log-path",
    "--errorlog",
];

/// A file path that is a real file (not a stream).
fn is_log_file(path: &str) -> bool {
    let stream = matches!(
        path,
        "-" | "/dev/stdout" | "/dev/stderr" | "/dev/null" | "stdout" | "stderr"
    ) || path.starts_with("/proc/self/fd/")
        || path.starts_with("/dev/fd/");
    !stream && !path.is_empty()
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    for launch in launches(ctx, stage) {
        for r in &launch.redirects {
            if !r.operator.contains('>') {
                continue;
            }
            let Some(target) = &r.target else { continue };
            let path = target.value.as_str();
            let logish =
                path.ends_with(".log") || path.starts_with("/var/log/") || path.contains("/logs/");
            if !logish || !is_log_file(path) {
                continue;
            }
            out.push(Diagnostic::new(
                r.span,
                format!(
                    "The command's output goes to `{path}`: `docker logs` and logging drivers never see it, and the \
                     file grows inside the container. Let the app write to stdout/stderr (drop the redirection)."
                ),
            ));
        }
        let words = &launch.words;
        for (k, w) in words.iter().enumerate() {
            let (option, value, span) = match LOG_OPTIONS.iter().find(|o| w.value == **o) {
                Some(o) => match words.get(k + 1) {
                    Some(v) => (*o, v.value.as_str(), w.span.cover(v.span)),
                    None => continue,
                },
                None => match LOG_OPTIONS.iter().find_map(|o| {
                    w.value
                        .strip_prefix(o)
                        .and_then(|r| r.strip_prefix('='))
                        .map(|v| (*o, v))
                }) {
                    Some((o, v)) => (o, v, w.span),
                    None => continue,
                },
            };
            if !is_log_file(value) || value.starts_with('$') {
                continue;
            }
            out.push(Diagnostic::new(
                span,
                format!(
                    "`{option} {value}` writes logs to a file inside the container: `docker logs` and logging \
                     drivers never see them. Use `{option} -` (or `/dev/stdout`)."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_redirections_to_log_files() {
        assert_eq!(
            lines(
                "DW1019",
                "FROM python\nCMD python app.py > /var/log/app.log 2>&1\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1019",
                "FROM python\nCMD [\"sh\", \"-c\", \"node server.js >> out.log\"]\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn catches_log_file_options() {
        assert_eq!(
            lines(
                "DW1019",
                "FROM python\nCMD gunicorn --error-logfile=/app/err.txt app:app\n"
            ),
            vec![2]
        );
        assert_eq!(
            lines(
                "DW1019",
                "FROM python\nCMD [\"uwsgi\", \"--logfile\", \"/tmp/u\"]\n"
            ),
            vec![2]
        );
    }

    #[test]
    fn does_not_catch_streams_variables_or_build_steps() {
        assert!(lines(
            "DW1019",
            "FROM python\nCMD gunicorn --access-logfile - --error-logfile - app:app\n"
        )
        .is_empty());
        assert!(lines(
            "DW1019",
            "FROM python\nCMD gunicorn --log-file=/dev/stdout app:app\n"
        )
        .is_empty());
        assert!(lines(
            "DW1019",
            "FROM python\nCMD python app.py 2>&1 > /dev/null\n"
        )
        .is_empty());
        assert!(lines("DW1019", "FROM python\nRUN make > /var/log/build.log\n").is_empty());
        assert!(lines(
            "DW1019",
            "FROM python\nCMD python app.py > /app/result.json\n"
        )
        .is_empty());
        assert!(lines(
            "DW1019",
            "FROM nginx AS a\nCMD x > /var/log/a.log\nFROM nginx\n"
        )
        .is_empty());
    }
}
