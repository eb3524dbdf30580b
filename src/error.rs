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
        "{path}:{line}:{column}: broken front matter: {}\n  fix the {format} between the `{fence}` fences at the top of the file",
        what_to_write(message, format)
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
        "{path}:{line}:{column}: broken sidecar metadata: {}\n  allowed keys: title, date (YYYY-MM-DD), slug, credit, authors, summary, tags, short_answers",
        what_to_write(message, "TOML")
    )]
    Sidecar {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{path}:{line}:{column}: {}", what_to_write(message, "TOML"))]
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

/// Serde's wording ("invalid type: string \"plague\", expected a
/// sequence") rewritten as what to write instead (`tags = ["plague"]`);
/// `format` is `TOML` or `YAML`, for the example's syntax. A message it
/// does not know is returned as it is.
pub fn what_to_write(message: &str, format: &str) -> String {
    let assign = if format == "YAML" { ": " } else { " = " };
    // YAML names the key first ("tags: invalid type: ...").
    let (key, message) = match message.split_once(": invalid type: ") {
        Some((key, _)) if !key.contains(' ') => (Some(key), &message[key.len() + 2..]),
        _ => (None, message),
    };
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (kind, value) = match found.split_once(' ') {
                Some((kind, value)) => (kind, value.trim_matches('`')),
                None => (found, ""),
            };
            let value = if value.is_empty() { "..." } else { value };
            let quoted = if kind == "string" {
                value.to_string()
            } else {
                format!("\"{}\"", value.trim_matches('"'))
            };
            let expected = expected.split(" at line ").next().unwrap_or(expected);
            let advice = match expected.trim() {
                "a sequence" => Some(match key {
                    Some(key) => format!(
                        "a list is wanted here, not one value: put it in brackets, `{key}{assign}[{quoted}]`"
                    ),
                    None => format!(
                        "a list is wanted here, not one value: put it in brackets, `[{quoted}]` (tags and authors are lists: `tags{assign}[{quoted}]`)"
                    ),
                }),
                "a string" if kind == "sequence" => Some(
                    "one value is wanted here, not a list: write it once, in quotes, without brackets".to_string(),
                ),
                "a string" => Some(format!(
                    "text in quotes is wanted here: write `{quoted}`"
                )),
                "a map" => Some(format!(
                    "a table of questions and answers is wanted here, not one value: write `[short_answers]` on a line, then lines such as `\"Why?\"{assign}\"Because.\"`"
                )),
                "a boolean" => Some("`true` or `false` is wanted here, without quotes".to_string()),
                other if other.starts_with('u') || other.starts_with('i') || other.contains("integer") => {
                    Some(format!("a whole number is wanted here, without quotes: write `{}`", value.trim_matches('"')))
                }
                _ => None,
            };
            if let Some(advice) = advice {
                return advice;
            }
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return format!(
            "unknown key {}",
            rest.replacen(", expected one of ", "; the keys allowed here are ", 1)
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("the key {rest} is missing; add it");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::what_to_write;

    #[test]
    fn a_string_where_a_list_goes_says_to_write_the_list() {
        assert_eq!(
            what_to_write(
                "invalid type: string \"plague\", expected a sequence",
                "TOML"
            ),
            "a list is wanted here, not one value: put it in brackets, `[\"plague\"]` (tags and authors are lists: `tags = [\"plague\"]`)"
        );
        // YAML names the key: the advice uses it.
        assert_eq!(
            what_to_write(
                "authors: invalid type: string \"Ada\", expected a sequence at line 3 column 10",
                "YAML"
            ),
            "a list is wanted here, not one value: put it in brackets, `authors: [\"Ada\"]`"
        );
    }

    #[test]
    fn a_number_where_text_goes_says_to_quote_it() {
        assert_eq!(
            what_to_write("invalid type: integer `3`, expected a string", "TOML"),
            "text in quotes is wanted here: write `\"3\"`"
        );
    }

    #[test]
    fn a_list_where_one_value_goes_says_to_drop_the_brackets() {
        assert!(
            what_to_write("invalid type: sequence, expected a string", "TOML")
                .starts_with("one value is wanted here, not a list")
        );
    }

    #[test]
    fn a_quoted_number_says_to_drop_the_quotes() {
        assert_eq!(
            what_to_write("invalid type: string \"48\", expected u64", "TOML"),
            "a whole number is wanted here, without quotes: write `48`"
        );
    }

    #[test]
    fn unknown_and_missing_keys_are_named_as_keys() {
        assert_eq!(
            what_to_write(
                "unknown field `tittle`, expected one of `title`, `date`",
                "TOML"
            ),
            "unknown key `tittle`; the keys allowed here are `title`, `date`"
        );
        assert_eq!(
            what_to_write("missing field `name`", "TOML"),
            "the key `name` is missing; add it"
        );
    }

    #[test]
    fn other_messages_are_kept() {
        assert_eq!(
            what_to_write("expected `=`, found newline", "TOML"),
            "expected `=`, found newline"
        );
    }
}
