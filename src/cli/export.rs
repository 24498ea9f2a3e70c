//! `tarjima export`: the memory as TSV (or TMX).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::formats::tsv;
use crate::store::{PairFilter, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tmx,
    Tsv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "tmx")]
    format: Format,
    #[arg(long)]
    src_lang: Option<String>,
    #[arg(long)]
    tgt_lang: Option<String>,
    /// Write here instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let filter = PairFilter {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        origin: None,
    };
    let mut w: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).map_err(|e| crate::Error::io(p, e))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    match args.format {
        Format::Tsv => {
            writeln!(w, "{}", tsv::HEADER)?;
            store.for_each_pair(&filter, |p| {
                tsv::write_pair(&mut w, &p).map_err(|e| crate::Error::io("<output>", e))
            })?;
        }
        Format::Tmx => {
            return Err(crate::Error::Usage(
                "TMX export is not available yet; use --format tsv".into(),
            )
            .into());
        }
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
