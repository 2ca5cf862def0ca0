//! `WORKDIR` inside a system directory (`/proc`, `/dev`, `/boot`, ...).

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    code: "DW5050",
    name: "workdir-system-dir",
    category: Category::Security,
    severity: Severity::Warning,
    aliases: &[Alias(Peer::Trivy, "DS030")],
    docs: rule_docs! {
        what: "Flags a `WORKDIR` inside a kernel or boot directory: `/proc`, `/dev`, `/boot`, `/initrd`, \
               `/lost+found`.",
        why: "At run time `/proc` and `/dev` are mounts of the host kernel's views: files the app writes there \
              are lost or, with a privileged container, reach the host. Nothing of an application belongs there.",
        example: "FROM debian:12\nWORKDIR /proc/app\n",
        fixed: "FROM debian:12\nWORKDIR /app\n",
    },
    check,
    ..Rule::DEFAULTS
};

const SYSTEM_DIRS: &[&str] = &["/proc", "/dev", "/boot", "/initrd", "/lost+found"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for info in ctx
        .instructions
        .iter()
        .filter(|i| i.kind() == Keyword::Workdir)
    {
        // `info.workdir` is the directory before this `WORKDIR`: resolve the one it sets.
        let Body::Words(words) = &info.node.body else {
            continue;
        };
        let Some(word) = words.first() else { continue };
        let value = crate::model::expand(&word.value, &info.scope);
        let dir = match (&info.workdir, value.starts_with('/')) {
            (Some(base), false) => format!("{}/{}", base.trim_end_matches('/'), value),
            _ => value,
        };
        let dir = dir.as_str();
        let Some(system) = SYSTEM_DIRS
            .iter()
            .find(|d| dir == **d || dir.strip_prefix(**d).is_some_and(|r| r.starts_with('/')))
        else {
            continue;
        };
        out.push(Diagnostic::new(
            info.node.text_span(),
            format!(
                "`WORKDIR {dir}` is inside `{system}`, a directory the kernel or the boot loader owns; use an \
                 application directory such as `/app`."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::prelude::testing::lines;

    #[test]
    fn catches_system_directories() {
        let src =
            "FROM a\nWORKDIR /proc\nWORKDIR /dev/app\nWORKDIR /\nWORKDIR boot\nWORKDIR /srv\n";
        assert_eq!(lines("DW5050", src), vec![2, 3, 5]);
    }

    #[test]
    fn does_not_catch_lookalikes() {
        assert!(lines(
            "DS030",
            "FROM a\nWORKDIR /process\nWORKDIR /devtools\nWORKDIR /app\n"
        )
        .is_empty());
    }
}
