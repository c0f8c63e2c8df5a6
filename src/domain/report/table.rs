//! A figure as a table: what the report screen, the print layout and the
//! CSV file show. Cells are typed (a count, a mean with its decimals, a
//! percentage in tenths, text), so every output writes the same number
//! its own way ("17.076" on screen, "17076" in CSV) from one rounding rule
//! (`domain::number`).
//!
//! **Small cells.** A count of 1 to 4 people, or a mean or percentage over
//! fewer than 5, can identify someone; such a cell is marked `small`. The
//! screen shows it (the coordinator knows the people), marked; print and
//! CSV hide it unless the coordinator turns hiding off:
//! - a hidden count reads [`HIDDEN_COUNT`] ("<5"): the reader still learns
//!   that there were a few, which is what a published table says;
//! - a hidden mean or percentage reads [`HIDDEN_FIGURE`] ("–"): a mark over
//!   three answers says nothing reliable, and "<5" would read as its value.
//!
//! **Totals are not hidden.** A total beside a single hidden cell lets a
//! reader recompute it (total − the other cells). We accept that and say
//! so: the totals are the figures an organisation publishes (reach,
//! participants), hiding them would hide the report itself, and a hidden
//! cell in a table with a total still does not tell *who*. Secondary
//! suppression (hiding a second cell so none can be recomputed) is not
//! done; `Table::has_small` lets the screen tell the coordinator a table
//! has small groups, so they can check it before publishing.

use crate::domain::number::{self, NumberStyle, Rounded};
use serde::{Deserialize, Serialize};

/// What a hidden small count reads in print and CSV.
pub const HIDDEN_COUNT: &str = "<5";
/// What a hidden mean or percentage of a small group reads.
pub const HIDDEN_FIGURE: &str = "–";
/// Fewer than this many people make a small cell.
pub const SMALL_BELOW: u64 = 5;

/// One table of the report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Table {
    /// Stable, lower-case, hyphenated: the CSV file name
    /// ("contacten-per-kanaal").
    pub id: String,
    pub title: String,
    /// The header row.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A line beneath the table (a source, what "n" means).
    pub note: Option<String>,
}

/// One cell: its value and whether it describes a small group.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub small: bool,
}

/// A cell's value, typed so each output writes it its own way.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Count(u64),
    /// A mean or other figure, rounded half up to `decimals` when written.
    Decimal {
        value: f64,
        decimals: u8,
    },
    /// A figure already rounded (a difference of two printed figures).
    Rounded(Rounded),
    /// A percentage in tenths: 128 is 12,8%.
    Percent {
        tenths: u32,
    },
    Empty,
}

impl Value {
    /// Whether this is a number (written as such in CSV, never neutralised).
    pub fn is_number(&self) -> bool {
        !matches!(self, Value::Text(_) | Value::Empty)
    }

    /// The value written in `style`; `""` for `Empty`.
    pub fn format(&self, style: NumberStyle) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Count(n) => number::format_count(*n, style),
            Value::Decimal { value, decimals } => number::format_decimal(*value, *decimals, style),
            Value::Rounded(r) => r.format_signed(style),
            Value::Percent { tenths } => number::format_percent(*tenths, style),
            Value::Empty => String::new(),
        }
    }

    /// What this value reads when its cell is small and hidden.
    pub fn hidden_marker(&self) -> &'static str {
        match self {
            Value::Count(_) => HIDDEN_COUNT,
            _ => HIDDEN_FIGURE,
        }
    }
}

fn is_small_group(n: u64) -> bool {
    n < SMALL_BELOW
}

impl Cell {
    /// A text cell (a label), never small.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            value: Value::Text(text.into()),
            small: false,
        }
    }

    /// A count of people or contacts: small when 1 to 4 (0 identifies
    /// no one).
    pub fn count(n: u64) -> Cell {
        Cell {
            value: Value::Count(n),
            small: n > 0 && is_small_group(n),
        }
    }

    /// A count that is not about people (meetings, activities): never small.
    pub fn plain_count(n: u64) -> Cell {
        Cell {
            value: Value::Count(n),
            small: false,
        }
    }

    /// A mean over `n`, with `decimals` decimals: small when `n` < 5.
    pub fn mean(value: f64, decimals: u8, n: u64) -> Cell {
        Cell {
            value: Value::Decimal { value, decimals },
            small: is_small_group(n),
        }
    }

    /// A percentage in tenths over `n`: small when `n` < 5.
    pub fn percent(tenths: u32, n: u64) -> Cell {
        Cell {
            value: Value::Percent { tenths },
            small: is_small_group(n),
        }
    }

    /// `end − begin` as printed with `decimals` decimals (the rule of the
    /// ZRM chart), small when either figure's group (`n`) is small.
    pub fn difference(begin: f64, end: f64, decimals: u8, n: u64) -> Cell {
        Cell {
            value: Value::Rounded(number::printed_difference(begin, end, decimals)),
            small: is_small_group(n),
        }
    }

    /// An empty cell.
    pub fn empty() -> Cell {
        Cell {
            value: Value::Empty,
            small: false,
        }
    }

    /// The cell as the screen shows it, in Dutch: "17.076", "9,06",
    /// "12,8%" (small cells shown; the screen marks them).
    pub fn display_nl(&self) -> String {
        self.value.format(NumberStyle::NL)
    }

    /// The cell for print or a file: its marker when small and `hide_small`.
    pub fn shown(&self, style: NumberStyle, hide_small: bool) -> String {
        if self.small && hide_small {
            self.value.hidden_marker().to_owned()
        } else {
            self.value.format(style)
        }
    }
}

impl Table {
    /// Whether any cell describes a small group.
    pub fn has_small(&self) -> bool {
        self.rows.iter().flatten().any(|c| c.small)
    }
}
