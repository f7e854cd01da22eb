//! Builds a jobsift index from posts for the browser tests, through the same indexer
//! and `IndexBuilder` the CLI uses (the tests prefer `jobsift build` when the binary
//! has it; this keeps them runnable on their own).
//!
//! Usage: cargo run -p jobsift-widget --example build_test_index -- <out.idx> <posts>...

use jobsift_core::IndexBuilder;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(out), inputs) = (args.next(), args.collect::<Vec<_>>()) else {
        eprintln!("usage: build_test_index <out.idx> <posts>...");
        return ExitCode::from(2);
    };
    if inputs.is_empty() {
        eprintln!("usage: build_test_index <out.idx> <posts>...");
        return ExitCode::from(2);
    }
    let config = jobsift_indexer::Config::default();
    let schema = match config.schema() {
        Ok(schema) => schema,
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
    let mut builder = IndexBuilder::new(schema);
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
