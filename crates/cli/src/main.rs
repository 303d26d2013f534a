//! The `softbalance` binary: parse arguments, dispatch to one module per subcommand, map the
//! result to an exit code. All analysis lives in the library crates; nothing here computes.

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Soft-balancing analysis from cited evidence.
///
/// Is state A balancing state B in domain D, softly or hard, why, and with which strategies?
/// `softbalance analyze` with no argument runs the built-in case (U.S.–China, artificial
/// intelligence, after Chang 2022).
#[derive(Parser, Debug)]
#[command(name = "softbalance", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Analyze(commands::analyze::Args),
    Check(commands::check::Args),
    New(commands::new::Args),
    Code(commands::code::Args),
    Eval(commands::eval::Args),
    Extract(commands::extract::Args),
    Diff(commands::diff::Args),
    Cases(commands::cases::Args),
    Codes(commands::codes::Args),
    Compare(commands::compare::Args),
    Serve(commands::serve::Args),
    Export(commands::export::Args),
    Sources(commands::sources::Args),
    #[cfg(feature = "events")]
    #[command(subcommand)]
    Events(commands::events::Command),
    /// Event data to dyad panels (not in this build: the cargo feature `events`).
    #[cfg(not(feature = "events"))]
    #[command(disable_help_flag = true)]
    Events {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        args: Vec<std::ffi::OsString>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Analyze(a) => commands::analyze::run(a),
        Command::Check(a) => commands::check::run(a),
        Command::New(a) => commands::new::run(a),
        Command::Code(a) => commands::code::run(a),
        Command::Eval(a) => commands::eval::run(a),
        Command::Extract(a) => commands::extract::run(a),
        Command::Diff(a) => commands::diff::run(a),
        Command::Cases(a) => commands::cases::run(a),
        Command::Codes(a) => commands::codes::run(a),
        Command::Compare(a) => commands::compare::run(a),
        Command::Serve(a) => commands::serve::run(a),
        Command::Export(a) => commands::export::run(a),
        Command::Sources(a) => commands::sources::run(a),
        #[cfg(feature = "events")]
        Command::Events(c) => commands::events::run(c),
        #[cfg(not(feature = "events"))]
        Command::Events { .. } => Err(commands::Failure::new(
            2,
            "`softbalance events` is not in this build: the event engine (Apache DataFusion) is the cargo \
             feature `events`, off by default because it takes minutes to compile. Build it with\n  \
             cargo build --release -p softbalance --features events\n\
             (the binary is then target/release/softbalance), or install it with\n  \
             cargo install --path crates/cli --features events",
        )),
    };
    commands::finish(result)
}
