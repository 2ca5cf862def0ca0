pub use dockwise_syntax as syntax;
