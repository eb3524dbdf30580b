//! What each paper size is in print: its sheet in points, its CSS size,
//! the margins that suit it, with room in the top and bottom margins for
//! the running head and the folio that [`super::document`] stamps on the
//! printed pages, and its body text size. The sizes and their names are
//! settings ([`crate::config::Paper`]).

use crate::config::Paper;

/// Page margins in points (1/72 in).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub side: f32,
}

impl Paper {
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

#[cfg(test)]
mod tests {
    use super::*;

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
