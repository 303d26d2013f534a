//! `softbalance events …` (being built).
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum Command {}

pub fn run(_c: &Command) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
