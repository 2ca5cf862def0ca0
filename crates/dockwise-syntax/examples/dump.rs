//! Prints the readable dump of a Dockerfile: `cargo run -p dockwise-syntax --example dump -- FILE` (`-` for stdin).
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let mut text = String::new();
    if path == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .expect("UTF-8 on stdin");
    } else {
        text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    }
    let (file, errors) = dockwise_syntax::parse(&text);
    print!("{}", dockwise_syntax::dump(&text, &file, &errors));
}
