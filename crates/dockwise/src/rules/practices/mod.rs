//! The practices Dockwise exists for (section A of the catalogue). Codes DW1xxx.

use crate::rule::Rule;

mod development_server;
mod floating_base_tag;
mod missing_user;
mod listen_on_localhost;
mod missing_healthcheck;
mod non_minimal_base_image;
mod port_mismatch;
mod python_runtime_env;

pub static RULES: &[&Rule] = &[
    &missing_user::RULE,
    &floating_base_tag::RULE,
    &non_minimal_base_image::RULE,
    &python_runtime_env::RULE,
    &development_server::RULE,
    &listen_on_localhost::RULE,
    &port_mismatch::RULE,
    &missing_healthcheck::RULE,
];
