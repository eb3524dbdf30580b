//! Paper sizes for `briefing pdf`: `paper` in `briefing.toml`, `--paper`
//! on the command line (which wins). Each size has margins that suit it,
//! and room in the top and bottom margins for the running head and the
//! folio that [`super::document`] stamps on the printed pages.

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

/// Page margins in points (1/72 in).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub side: f32,
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

    /// The CSS `@page { size }` value.
    pub fn css_size(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
            Paper::A5 => "A5",
            Paper::Legal => "legal",
        }
    }

    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
            Paper::A5 => (419.53, 595.28),
            Paper::Legal => (612.0, 1008.0),
        }
    }

    /// Margins that suit the size: about 2 cm on A4, Letter and Legal,
    /// 1.5 cm on A5, with the top and bottom a little deeper to hold the
    /// running head and the folio.
    pub fn margins(self) -> Margins {
        match self {
            Paper::A4 => Margins {
                top: 62.0,
                bottom: 62.0,
                side: 57.0,
            },
            Paper::Letter | Paper::Legal => Margins {
                top: 62.0,
                bottom: 62.0,
                side: 60.0,
            },
            Paper::A5 => Margins {
                top: 50.0,
                bottom: 50.0,
                side: 40.0,
            },
        }
    }

    /// Body text size in points: smaller on the small sheet.
    pub fn font_pt(self) -> f32 {
        match self {
            Paper::A5 => 9.5,
            _ => 10.5,
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

    #[test]
    fn sizes_are_the_iso_and_us_sheets_in_points() {
        assert_eq!(Paper::A4.points().0.round(), 595.0);
        assert_eq!(Paper::A4.points().1.round(), 842.0);
        assert_eq!(Paper::Letter.points(), (612.0, 792.0));
        assert_eq!(Paper::Legal.points(), (612.0, 1008.0));
        assert_eq!(Paper::A5.points().0.round(), 420.0);
    }

    #[test]
    fn margins_leave_most_of_the_sheet_for_text() {
        for paper in Paper::ALL {
            let (w, h) = paper.points();
            let m = paper.margins();
            assert!(w - 2.0 * m.side > w * 0.7, "{paper}");
            assert!(h - m.top - m.bottom > h * 0.8, "{paper}");
        }
    }
}
