//! Library errors. Each variant names the file (and line where it helps) and
//! reads as advice to the user, not as a developer trace.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: {message}")]
    Encoding { path: PathBuf, message: String },

    /// A file the tool will not read: not a regular file (a FIFO, a
    /// device, a folder) or over its size limit.
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },

    #[error(
        "{path}:{line}:{column}: broken front matter: {message}\n  fix the {format} between the `{fence}` fences at the top of the file"
    )]
    FrontMatter {
        path: PathBuf,
        line: usize,
        column: usize,
        format: &'static str,
        fence: &'static str,
        message: String,
    },

    #[error(
        "{path}:{line}:{column}: broken sidecar metadata: {message}\n  allowed keys: title, date (YYYY-MM-DD), slug, credit, summary, tags, short_answers"
    )]
    Sidecar {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{path}:{line}:{column}: {message}")]
    Config {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "two sources have the slug `{slug}`: {first} and {second}\n  give one of them its own `slug` in its front matter or sidecar, or rename the file"
    )]
    DuplicateSlug {
        slug: String,
        first: PathBuf,
        second: PathBuf,
    },

    #[error(
        "{path}: the slug `{slug}` is not usable in a URL; use lowercase letters, digits, `-` and `_` only"
    )]
    BadSlug { path: PathBuf, slug: String },

    #[error(
        "{path}: the {field} is {bytes} bytes long, too long for a file name; shorten it to at most {max}"
    )]
    LongName {
        path: PathBuf,
        field: &'static str,
        bytes: usize,
        max: usize,
    },

    #[error("template error in {template}: {message}")]
    Template { template: String, message: String },

    #[error("{0}")]
    Output(String),

    /// An action refused to protect the user's files, with what to do instead.
    #[error("{0}")]
    Refused(String),

    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),

    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// `Ok` when there are no errors, the error itself when there is one,
    /// and all of them together otherwise.
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
