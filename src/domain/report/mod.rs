//! The jaarbeeld: every figure these organisations publish, computed from
//! the records on the device for a chosen period and locations, each beside
//! the previous period of the same length.
//!
//! - `period`: the chosen period (month, quarter, year, from–to), its
//!   predecessor of the same length, and the scope (period + locations);
//! - `data`: the records the report needs, in a compact form kept in memory
//!   (`ReportData`): codes interned, dates as days, no notes or names;
//! - `form`: the filter's inputs read into a scope;
//! - `figures`: the aggregation (`compute`): reach per support form,
//!   contacts, domains, trajectories, surveys; small cells marked;
//! - `table`: a figure as a table (header, rows, typed cells, small cells),
//!   what the screen, the print layout and the CSV show;
//! - `csv`: a table as CSV that Excel opens right in a Dutch locale.
//!
//! Pure: no browser, no texts (labels come from the taxonomy and the i18n
//! layer). Compiled into the coordinator app and the data worker only.

pub mod csv;
pub mod data;
pub mod figures;
pub mod form;
pub mod period;
pub mod table;
