//! The `briefing` binary: argument parsing and reporting only (in `cli/`,
//! one module per subcommand); every decision lives in the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
