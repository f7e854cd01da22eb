//! Builds a jobsift index from posts for the browser tests, through the same indexer
//! and `IndexBuilder` the CLI uses (the tests prefer `jobsift build` when the binary
//! has it; this keeps them runnable on their own).
//!
//! Usage: cargo run -p jobsift-widget --example build_test_index -- [--config <jobsift.toml>] <out.idx> <posts>...

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    const USAGE: &str = "usage: build_test_index [--config <jobsift.toml>] <out.idx> <posts>...";
    let mut args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let config = if args.first().is_some_and(|arg| arg.as_os_str() == "--config") && args.len() > 1 {
        let path = args.drain(..2).nth(1).expect("two arguments were there");
        match jobsift_indexer::Config::load(&path) {
            Ok(config) => config,
            Err(error) => {
                eprintln!("build_test_index: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        jobsift_indexer::Config::default()
    };
    let mut args = args.into_iter();
    let (Some(out), inputs) = (args.next(), args.collect::<Vec<_>>()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if inputs.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut builder = match config.index_builder() {
        Ok(builder) => builder,
        Err(error) => {
            eprintln!("build_test_index: {error}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = match jobsift_indexer::read_posts(&inputs, &config) {
        Ok(outcome) => outcome,
        Err(error) => {
            eprintln!("build_test_index: {error}");
            return ExitCode::FAILURE;
        }
    };
    for document in outcome.documents {
        builder.add(document);
    }
    let count = builder.len();
    if let Err(error) = std::fs::write(&out, builder.build()) {
        eprintln!("build_test_index: writing {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!("build_test_index: {count} posts -> {}", out.display());
    ExitCode::SUCCESS
}
