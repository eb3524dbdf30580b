//! The `briefing` binary: argument parsing and reporting only (in `cli/`,
//! one module per subcommand); every decision lives in the library.

// No function longer than clippy.toml's threshold (120 lines).
#![cfg_attr(not(test), warn(clippy::too_many_lines))]

mod cli;

// Building a site allocates and frees millions of small strings from every
// thread; mimalloc's per-thread heaps measured much faster than glibc's
// malloc here (see README "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
