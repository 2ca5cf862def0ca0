use dockwise_syntax::shell::parse_script;
use dockwise_syntax::{Body, Command};
use std::collections::HashMap;
fn main() {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut odd = 0;
    let mut shown = 0;
    for dir in [
        "/work/shared/corpus/binnacle-gold",
        "/work/shared/corpus/shipwright",
    ] {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let src = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            let (df, _) = dockwise_syntax::parse(&src);
            for i in df.instructions() {
                if let Body::Command(Command::Shell(lt)) = &i.body {
                    let s = parse_script(lt);
                    if s.error.is_some() {
                        continue;
                    }
                    for c in &s.commands {
                        *names
                            .entry(c.name().unwrap_or("<none>").to_string())
                            .or_default() += 1;
                        let bad = c
                            .words
                            .iter()
                            .any(|w| w.value.contains('\n') || w.span.text(&src).is_empty())
                            || (c.words.is_empty()
                                && c.assignments.is_empty()
                                && c.redirects.is_empty());
                        if bad {
                            odd += 1;
                            if shown < 10 {
                                shown += 1;
                                println!(
                                    "ODD {:?}\n  in {:?}",
                                    c,
                                    lt.text.chars().take(200).collect::<String>()
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    let mut v: Vec<_> = names.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    println!("odd {odd}");
    for (n, c) in v.iter().take(60) {
        print!("{n}:{c} ");
    }
    println!();
    for (n, c) in v
        .iter()
        .filter(|(n, _)| {
            n.contains(['(', ')', '{', '}', ';', '&', '|', '"', '\'']) || n.starts_with('-')
        })
        .take(40)
    {
        print!("{n}:{c} ");
    }
}
