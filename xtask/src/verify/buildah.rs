//! buildah, run as root with its own storage under the tools folder (so the machine's other containers are
//! untouched): building with chroot isolation and the layer cache, reading an image's config, mounting it, and
//! starting its command on the host network.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct Buildah {
    global: Vec<String>,
    pub driver: &'static str,
}

/// What an image says about how it runs.
#[derive(Debug, Default, Clone)]
pub struct ImageConfig {
    pub user: String,
    pub workdir: String,
    pub env: Vec<String>,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
}

const SEP: char = '\u{1f}';

impl Buildah {
    /// Install buildah and mmdebstrap if missing (as root), then pick overlay storage if it works here, else vfs.
    pub fn prepare(tools: &Path) -> Result<Buildah, String> {
        install_missing(&["buildah", "mmdebstrap"])?;
        for driver in ["overlay", "vfs"] {
            let buildah = Buildah {
                global: vec![
                    format!(
                        "--root={}",
                        tools.join(format!("containers/{driver}")).display()
                    ),
                    format!("--runroot=/run/dockwise-containers/{driver}"),
                    format!("--storage-driver={driver}"),
                ],
                driver,
            };
            if buildah.probe() {
                println!("verify: buildah storage driver {driver}");
                return Ok(buildah);
            }
            println!("verify: buildah storage driver {driver} does not work here");
        }
        Err("neither the overlay nor the vfs storage driver works for buildah".to_string())
    }

    /// Can a container be created and mounted with this storage?
    fn probe(&self) -> bool {
        let name = format!("dockwise-probe-{}", std::process::id());
        let created = self.quiet(&["from", "--name", &name, "scratch"]).is_ok();
        let mounted = created && self.quiet(&["mount", &name]).is_ok();
        if created {
            let _ = self.quiet(&["rm", &name]);
        }
        mounted
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new("buildah");
        cmd.args(&self.global);
        cmd
    }

    fn quiet(&self, args: &[&str]) -> Result<String, String> {
        let out = self
            .command()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run buildah: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
        } else {
            Err(format!(
                "buildah {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }

    pub fn image_exists(&self, tag: &str) -> bool {
        self.quiet(&["images", "-q", tag])
            .is_ok_and(|out| !out.is_empty())
    }

    /// Make image `tag` from a rootfs tarball.
    pub fn import(&self, tarball: &Path, tag: &str) -> Result<(), String> {
        let name = format!("dockwise-import-{}", std::process::id());
        self.quiet(&["from", "--name", &name, "scratch"])?;
        let result = self
            .quiet(&["add", &name, &tarball.to_string_lossy(), "/"])
            .and_then(|_| {
                self.quiet(&[
                    "config",
                    "--env",
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "--cmd",
                    "bash",
                    &name,
                ])
            })
            .and_then(|_| self.quiet(&["commit", "--rm", &name, tag]));
        if result.is_err() {
            let _ = self.quiet(&["rm", &name]);
        }
        result.map(drop)
    }

    /// `buildah bud` with chroot isolation and the layer cache; output goes to `log`. A build that failed for the
    /// container runtime's own reason ([`RUNTIME_FAULTS`], never a Dockerfile's) runs again, at most twice, and
    /// says so; the layer cache keeps the steps that had passed.
    pub fn build(&self, file: &Path, context: &Path, tag: &str, log: &Path) -> Result<(), String> {
        let mut result = self.build_once(file, context, tag, log);
        for attempt in 2..=3 {
            if result.is_ok() {
                break;
            }
            let Some(fault) = runtime_fault(&std::fs::read_to_string(log).unwrap_or_default())
            else {
                break;
            };
            eprintln!("verify:     the container runtime failed ({fault}), not the build: attempt {attempt} of 3");
            result = self.build_once(file, context, tag, log);
        }
        result
    }

    fn build_once(&self, file: &Path, context: &Path, tag: &str, log: &Path) -> Result<(), String> {
        let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let status = self
            .command()
            .args([
                "bud",
                "--isolation",
                "chroot",
                "--layers",
                "--network",
                "host",
                "-f",
            ])
            .arg(file)
            .args(["-t", tag])
            .arg(context)
            .stdin(Stdio::null())
            .stdout(out.try_clone().map_err(|e| e.to_string())?)
            .stderr(out)
            .status()
            .map_err(|e| format!("cannot run buildah: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("build failed: {}", last_lines(log, 4)))
        }
    }

    pub fn config(&self, image: &str) -> Result<ImageConfig, String> {
        let field =
            |name: &str| format!("{{{{range .OCIv1.Config.{name}}}}}{{{{.}}}}{SEP}{{{{end}}}}");
        let format = format!(
            "{{{{.OCIv1.Config.User}}}}\n{{{{.OCIv1.Config.WorkingDir}}}}\n{}\n{}\n{}",
            field("Env"),
            field("Entrypoint"),
            field("Cmd")
        );
        let out = self.quiet(&["inspect", "--type", "image", "--format", &format, image])?;
        let mut lines = out.split('\n');
        let mut next = || lines.next().unwrap_or("").to_string();
        let list = |s: String| -> Vec<String> {
            s.split(SEP)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        };
        Ok(ImageConfig {
            user: next(),
            workdir: next(),
            env: list(next()),
            entrypoint: list(next()),
            cmd: list(next()),
        })
    }

    /// The image's size as buildah reports it ("716 MB").
    pub fn size(&self, image: &str) -> Option<String> {
        let json = self.quiet(&["images", "--json", image]).ok()?;
        let at = json.find("\"size\":")? + "\"size\":".len();
        let value = json[at..].trim_start().strip_prefix('"')?;
        Some(value[..value.find('"')?].to_string())
    }

    /// A working container of `image`, mounted: its name and root folder.
    pub fn mount(&self, image: &str, name: &str) -> Result<(String, PathBuf), String> {
        let _ = self.quiet(&["rm", name]);
        self.quiet(&["from", "--pull-never", "--name", name, image])?;
        let root = self.quiet(&["mount", name])?;
        Ok((name.to_string(), PathBuf::from(root)))
    }

    /// Remove every image whose name starts with `prefix`, then the untagged layers no image needs any more (the
    /// layer cache of this run's builds). Tagged images of other names (the stand-ins) and their layers stay. Each
    /// fixture build adds hundreds of MB, so keeping them filled the disk within a few runs. Returns how many
    /// images were removed.
    pub fn remove_images(&self, prefix: &str) -> Result<usize, String> {
        let listed = self.quiet(&["images", "--format", "{{.Name}}:{{.Tag}}"])?;
        let ours: Vec<&str> = listed
            .lines()
            .filter(|name| name.starts_with(prefix))
            .collect();
        for chunk in ours.chunks(64) {
            let mut args = vec!["rmi", "--force"];
            args.extend_from_slice(chunk);
            self.quiet(&args)?;
        }
        self.quiet(&["rmi", "--prune", "--force"])?;
        Ok(ours.len())
    }

    pub fn remove_container(&self, name: &str) {
        let _ = self.quiet(&["rm", name]);
    }

    /// Start the image's command in container `name` (in its own process group, output to `log`).
    pub fn start(&self, name: &str, config: &ImageConfig, log: &Path) -> Result<Child, String> {
        self.start_with(name, config, &config.cmd, log)
    }

    /// Start the image's ENTRYPOINT with `args` in place of its CMD.
    pub fn start_with(
        &self,
        name: &str,
        config: &ImageConfig,
        args: &[String],
        log: &Path,
    ) -> Result<Child, String> {
        let argv: Vec<&String> = config.entrypoint.iter().chain(args).collect();
        if argv.is_empty() {
            return Err("the image has neither ENTRYPOINT nor CMD".to_string());
        }
        let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut cmd = self.command();
        cmd.args([
            "run",
            "--isolation",
            "chroot",
            "--network",
            "host",
            "--terminal=false",
        ]);
        cmd.args([
            "--user",
            if config.user.is_empty() {
                "0:0"
            } else {
                &config.user
            },
        ]);
        if !config.workdir.is_empty() {
            cmd.args(["--workingdir", &config.workdir]);
        }
        for pair in &config.env {
            cmd.args(["--env", pair]);
        }
        cmd.arg(name).arg("--").args(argv);
        cmd.stdin(Stdio::null())
            .stdout(out.try_clone().map_err(|e| e.to_string())?)
            .stderr(out)
            .process_group(0);
        cmd.spawn().map_err(|e| format!("cannot run buildah: {e}"))
    }
}

/// Stop a process group we started: TERM, then KILL after `grace`.
pub fn stop(child: &mut Child, grace: std::time::Duration) {
    let group = format!("-{}", child.id());
    // An init such as tini puts the app in a process group of its own; if tini dies first the app is orphaned
    // and keeps the port. So every descendant, listed before any dies, is signalled too.
    let descendants: Vec<String> = descendants(child.id()).iter().map(u32::to_string).collect();
    let _ = Command::new("kill")
        .args(["-TERM", "--", &group])
        .args(&descendants)
        .stderr(Stdio::null())
        .status();
    let deadline = std::time::Instant::now() + grace;
    while std::time::Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Children of the group may outlive its leader: KILL what is left of the group.
    let _ = Command::new("kill")
        .args(["-KILL", "--", &group])
        .args(&descendants)
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
}

/// Every process below `root` (children, their children...), from `/proc/<pid>/stat`'s parent field.
fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The command name is in parentheses and may hold spaces: the fields after its `)` are fixed.
            let after = &stat[stat.rfind(')')? + 1..];
            let parent = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect();
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(
            parents
                .iter()
                .filter(|(pid, p)| *p == parent && !found.contains(pid))
                .map(|(pid, _)| *pid)
                .collect::<Vec<_>>(),
        );
        next += 1;
    }
    found.remove(0);
    found
}

/// Messages of the container runtime failing to start a step's process, whatever the step runs: runc copies
/// and seals its own binary into a memfd for each process, which fails now and then with `EBUSY` on this
/// machine's kernel (seen once in 52 builds of a CI run: "Close_Fd sealing memfd copy: Device or resource busy").
const RUNTIME_FAULTS: &[&str] = &["sealing memfd copy"];

/// The [`RUNTIME_FAULTS`] message a build log holds, if any.
fn runtime_fault(log: &str) -> Option<&'static str> {
    RUNTIME_FAULTS.iter().copied().find(|f| log.contains(f))
}

pub fn last_lines(log: &Path, count: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    // buildah's own closing lines say only that the process failed; the app's last words say why.
    let noise = [
        "subprocess exited with status",
        "Error: exit status",
        "process exited with error",
    ];
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !noise.iter().any(|n| l.starts_with(n)))
        .collect();
    lines[lines.len().saturating_sub(count)..].join(" | ")
}

fn install_missing(programs: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = programs
        .iter()
        .copied()
        .filter(|p| crate::run::probe(p, &["--version"]).is_none())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root = crate::run::probe("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !root {
        return Err(format!(
            "{} missing; run as root so apt can install them",
            missing.join(", ")
        ));
    }
    crate::run::command(Command::new("apt-get").arg("update"))?;
    crate::run::command(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::CommandExt;

    #[test]
    fn only_the_runtime_s_own_failure_is_a_runtime_fault() {
        let runc =
            "STEP 4/7: RUN chmod +x py | Close_Fd sealing memfd copy: Device or resource busy";
        assert_eq!(runtime_fault(runc), Some("sealing memfd copy"));
        // A Dockerfile's own failure is not retried.
        assert_eq!(
            runtime_fault("STEP 4/7: RUN make | make: *** No rule to make target"),
            None
        );
        assert_eq!(
            runtime_fault("mkdir: cannot create directory: Device or resource busy"),
            None
        );
    }

    #[test]
    fn stop_also_ends_a_child_that_left_the_process_group() {
        // `setsid` moves the sleeper out of the group, as tini does with the app it starts.
        let mut child = Command::new("sh")
            .args(["-c", "setsid sleep 300 & wait"])
            .process_group(0)
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let sleeper = loop {
            if let Some(&pid) = descendants(child.id()).last() {
                break pid;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the sleeper never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        stop(&mut child, std::time::Duration::from_secs(2));
        let gone = (0..50).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(20));
            let stat = std::fs::read_to_string(format!("/proc/{sleeper}/stat")).unwrap_or_default();
            // Gone, or a zombie waiting for init to reap it.
            stat.is_empty()
                || stat
                    .rsplit(')')
                    .next()
                    .is_some_and(|s| s.trim_start().starts_with('Z'))
        });
        assert!(gone, "process {sleeper} outlived stop()");
    }
}
