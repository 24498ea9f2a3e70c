//! The `tarjima` binary: thin glue over the library (see `tarjima::cli`).

// mimalloc instead of the system allocator: a bulk import allocates and frees millions of small
// strings on two threads (one prepares pairs, the other writes them), and glibc's malloc spent
// about 40 % of the import's CPU time in its free lists (docs/bench/tmx.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tarjima::cli::main()
}
