//! Generated Dockerfiles of one instruction kind, for the scaling bench (examples/scaling.rs) and the
//! linear-growth test (tests/linear_growth.rs).

/// A Dockerfile with `n` instructions of one kind (for `continuation`: one `RUN` of `n` * 1.25 lines, so the
/// largest is 10,000 lines).
pub fn generate(kind: &str, n: usize) -> String {
    let mut out = String::from("FROM debian:12-slim\n");
    for i in 0..n {
        let line = match kind {
            "env" => format!("ENV VAR_{i}=value_{i}_${{VAR_0}}\n"),
            "arg" => format!("ARG ARG_{i}=default_{i}\n"),
            "run" => format!(
                "RUN apt-get update && apt-get install -y --no-install-recommends pkg{i}=1.{i} \
                 && mkdir -p /opt/app{i} && cd /opt/app{i} && curl -fsSL https://example.com/{i}.tgz \
                 | tar -xz && chown -R 1000:1000 /opt/app{i} && rm -rf /var/lib/apt/lists/* \
                 && echo \"$HOME done {i}\" > /tmp/log{i}\n"
            ),
            // One-command `RUN`s in a row: DW2059 merges them all with one fix.
            "run-row" => format!("RUN echo step {i} > /tmp/{i}\n"),
            "copy" => format!("COPY --chown=1000:1000 src/part{i} /app/part{i}/\n"),
            "label" => format!("LABEL org.example.key{i}=\"value {i}\"\n"),
            "stages" => match i {
                0 => "RUN echo base\n".to_string(),
                _ => format!(
                    "FROM debian:12-slim AS s{i}\nCOPY --from=s{} /out /in{i}\n",
                    i - 1
                ),
            },
            "heredoc" => format!("RUN <<EOF\nset -e\necho step {i} > /tmp/{i}\nEOF\n"),
            "continuation" => String::new(),
            _ => String::new(),
        };
        out.push_str(&line);
    }
    if kind == "continuation" {
        out.push_str("RUN set -e \\\n");
        for i in 0..n + n / 4 {
            out.push_str(&format!("    && echo line{i} >> /tmp/out \\\n"));
        }
        out.push_str("    && true\n");
    }
    out.push_str("USER 1000\nCMD [\"/bin/true\"]\n");
    out
}
