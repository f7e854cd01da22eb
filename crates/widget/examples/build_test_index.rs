//! Builds a jobsift index from posts for the browser tests, through the same indexer
//! and `IndexBuilder` the CLI uses (the tests prefer `jobsift build` when the binary
//! has it; this keeps them runnable on their own).
//!
//! Usage: cargo run -p jobsift-widget --example build_test_index -- [--config <jobsift.toml>] <out.idx> <posts>...

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    match build(args) {
        Ok(message) => {
            eprintln!("build_test_index: {message}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage) => {
            eprintln!("usage: build_test_index [--config <jobsift.toml>] <out.idx> <posts>...");
            ExitCode::from(2)
        }
        Err(Failure::Build(error)) => {
            eprintln!("build_test_index: {error}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage,
    Build(String),
}

fn build(mut args: Vec<PathBuf>) -> Result<String, Failure> {
    let config = if args.first().is_some_and(|arg| arg.as_os_str() == "--config") && args.len() > 1 {
        let path = args.drain(..2).nth(1).expect("two arguments were there");
        jobsift_indexer::Config::load(&path).map_err(|error| Failure::Build(error.to_string()))?
    } else {
        jobsift_indexer::Config::default()
    };
    let mut args = args.into_iter();
    let (Some(out), inputs) = (args.next(), args.collect::<Vec<_>>()) else { return Err(Failure::Usage) };
    if inputs.is_empty() {
        return Err(Failure::Usage);
    }
    let mut builder = config.index_builder().map_err(Failure::Build)?;
    let outcome = jobsift_indexer::read_posts(&inputs, &config).map_err(|error| Failure::Build(error.to_string()))?;
    for document in outcome.documents {
        builder.add(document);
    }
    let count = builder.len();
    std::fs::write(&out, builder.build()).map_err(|error| Failure::Build(format!("writing {}: {error}", out.display())))?;
    Ok(format!("{count} posts -> {}", out.display()))
}
