//! Paper sizes for `briefing pdf`: `paper` in `briefing.toml`, `--paper`
//! on the command line (which wins). What each size is in print (points,
//! margins) belongs to the `pdf` command, which adds it to [`Paper`].

use std::fmt;
use std::str::FromStr;

/// A sheet the book is printed on. A4 is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 x 297 mm (595 x 842 pt).
    #[default]
    A4,
    /// 8.5 x 11 in (612 x 792 pt).
    Letter,
    /// 148 x 210 mm (420 x 595 pt).
    A5,
    /// 8.5 x 14 in (612 x 1008 pt).
    Legal,
}

impl Paper {
    /// Every size, in the order `--help` lists them.
    pub const ALL: [Paper; 4] = [Paper::A4, Paper::Letter, Paper::A5, Paper::Legal];

    /// The name used in `briefing.toml` and `--paper`.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
            Paper::A5 => "a5",
            Paper::Legal => "legal",
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A paper name that is not one of [`Paper::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown paper size `{0}`; use one of a4, letter, a5, legal")]
pub struct UnknownPaper(pub String);

impl FromStr for Paper {
    type Err = UnknownPaper;

    fn from_str(s: &str) -> Result<Paper, UnknownPaper> {
        let wanted = s.trim().to_ascii_lowercase();
        Paper::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| UnknownPaper(s.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_in_any_case() {
        for paper in Paper::ALL {
            assert_eq!(paper.name().parse::<Paper>(), Ok(paper));
            assert_eq!(paper.name().to_uppercase().parse::<Paper>(), Ok(paper));
        }
        assert_eq!(Paper::default(), Paper::A4);
    }

    #[test]
    fn an_unknown_name_lists_the_sizes() {
        let err = "tabloid".parse::<Paper>().unwrap_err().to_string();
        assert!(err.contains("`tabloid`") && err.contains("a4, letter, a5, legal"));
    }
}
