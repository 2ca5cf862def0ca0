//! Prints the tree and errors of a Dockerfile: `cargo run -p dockwise-syntax --example dump -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let (file, errors) = dockwise_syntax::parse(&text);
    println!("{file:#?}");
    for e in errors {
        let lc = dockwise_syntax::LineIndex::new(&text).line_col(&text, e.span.start);
        println!("error {}:{}: {}", lc.line, lc.column, e.message);
    }
}
