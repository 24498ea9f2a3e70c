//! The `tarjima` binary: thin glue over the library (see `tarjima::cli`).

fn main() -> std::process::ExitCode {
    tarjima::cli::main()
}
