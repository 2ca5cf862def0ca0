//! The examples menu's Dockerfiles (web/examples/); the first is loaded on start.

pub const EXAMPLES: [(&str, &str); 5] = [
    (
        "Flask app (naive)",
        include_str!("../examples/flask-naive.Dockerfile"),
    ),
    (
        "Node.js app",
        include_str!("../examples/node-express.Dockerfile"),
    ),
    (
        "Go service",
        include_str!("../examples/go-service.Dockerfile"),
    ),
    (
        "Distroless multi-stage",
        include_str!("../examples/distroless-multistage.Dockerfile"),
    ),
    (
        "BuildKit heredocs",
        include_str!("../examples/buildkit-heredoc.Dockerfile"),
    ),
];
