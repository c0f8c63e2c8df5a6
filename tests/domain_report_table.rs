//! The report's tables (typed cells, small cells, Dutch display) and their
//! CSV for Excel in a Dutch locale (`domain::report::{table, csv}`).
#![cfg(any(feature = "coordinator", feature = "worker"))]

use wijkpeil::domain::number::Rounded;
use wijkpeil::domain::report::csv::{neutralise, to_csv, BOM};
use wijkpeil::domain::report::table::{Cell, Table, Value, HIDDEN_COUNT, HIDDEN_FIGURE};

fn channels() -> Table {
    Table {
        id: "contacten-per-kanaal".into(),
        title: "Contacten per kanaal".into(),
        columns: vec![
            "Kanaal".into(),
            "Contacten".into(),
            "Aandeel".into(),
            "Rapportcijfer".into(),
        ],
        rows: vec![
            vec![
                Cell::text("Telefoon"),
                Cell::count(17_076),
                Cell::percent(734, 17_076),
                Cell::mean(9.055, 2, 18),
            ],
            vec![
                Cell::text("Balie"),
                Cell::count(3),
                Cell::percent(2, 3),
                Cell::mean(8.0, 1, 3),
            ],
        ],
        note: Some("Bron: Wijkpeil".into()),
    }
}

#[test]
fn cells_display_in_dutch() {
    assert_eq!(Cell::count(17_076).display_nl(), "17.076");
    assert_eq!(Cell::count(1_234_567).display_nl(), "1.234.567");
    assert_eq!(Cell::mean(9.055, 2, 18).display_nl(), "9,06");
    assert_eq!(Cell::mean(2.25, 1, 18).display_nl(), "2,3");
    assert_eq!(Cell::percent(128, 141).display_nl(), "12,8%");
    assert_eq!(Cell::text("Telefoon").display_nl(), "Telefoon");
    assert_eq!(Cell::empty().display_nl(), "");
    assert_eq!(Cell::difference(3.25, 2.84, 1, 20).display_nl(), "-0,5");
    // A change reads with its sign, as in the ZRM chart's table.
    assert_eq!(Cell::difference(2.0, 4.0, 1, 20).display_nl(), "+2,0");
    assert_eq!(Cell::difference(2.04, 1.96, 1, 20).display_nl(), "0,0");
}

#[test]
fn small_cells_are_marked() {
    assert!(!Cell::count(0).small);
    assert!(Cell::count(1).small);
    assert!(Cell::count(4).small);
    assert!(!Cell::count(5).small);
    assert!(!Cell::plain_count(3).small);
    assert!(Cell::mean(8.0, 1, 4).small);
    assert!(!Cell::mean(8.0, 1, 5).small);
    assert!(Cell::percent(500, 2).small);
    assert!(!Cell::percent(500, 5).small);
    assert!(Cell::difference(3.0, 2.0, 1, 4).small);
    assert!(!Cell::text("x").small);
    assert!(channels().has_small());
    let mut big = channels();
    big.rows.pop();
    assert!(!big.has_small());
}

#[test]
fn a_table_round_trips_through_json() {
    let table = channels();
    let json = serde_json::to_string(&table).unwrap();
    let back: Table = serde_json::from_str(&json).unwrap();
    assert_eq!(back, table);
}

#[test]
fn csv_golden_for_a_small_table() {
    let csv = to_csv(&channels(), true);
    assert_eq!(
        csv,
        "\u{feff}Kanaal;Contacten;Aandeel;Rapportcijfer\r\n\
         Telefoon;17076;73,4%;9,06\r\n\
         Balie;<5;–;–\r\n"
    );
}

#[test]
fn csv_starts_with_a_bom_and_uses_semicolons_and_crlf() {
    let csv = to_csv(&channels(), false);
    assert!(csv.starts_with(BOM));
    assert_eq!(csv.matches('\u{feff}').count(), 1);
    let body = &csv[BOM.len()..];
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(lines.len(), 4, "three lines and the empty rest: {body:?}");
    assert_eq!(lines[3], "");
    assert!(!body.replace("\r\n", "").contains('\n'));
    assert_eq!(lines[0].split(';').count(), 4);
}

#[test]
fn small_cells_hidden_or_shown() {
    let hidden = to_csv(&channels(), true);
    assert!(hidden.contains(&format!(
        "Balie;{HIDDEN_COUNT};{HIDDEN_FIGURE};{HIDDEN_FIGURE}\r\n"
    )));
    let shown = to_csv(&channels(), false);
    assert!(shown.contains("Balie;3;0,2%;8,0\r\n"), "{shown:?}");
    // Big cells are never hidden.
    assert!(hidden.contains("Telefoon;17076;73,4%;9,06"));
}

#[test]
fn numbers_have_a_decimal_comma_and_no_thousands_separator() {
    let table = Table {
        id: "t".into(),
        title: "T".into(),
        columns: vec!["a".into(), "b".into(), "c".into()],
        rows: vec![vec![
            Cell::count(1_234_567),
            Cell::mean(1234.55, 1, 100),
            Cell::percent(1000, 10),
        ]],
        note: None,
    };
    assert_eq!(
        to_csv(&table, true),
        "\u{feff}a;b;c\r\n1234567;1234,6;100,0%\r\n"
    );
}

#[test]
fn text_is_escaped_by_the_csv_rules() {
    let table = Table {
        id: "t".into(),
        title: "T".into(),
        columns: vec!["naam; soort".into(), "x".into()],
        rows: vec![vec![
            Cell::text("zei \"ja\""),
            Cell::text("regel 1\nregel 2"),
        ]],
        note: None,
    };
    assert_eq!(
        to_csv(&table, true),
        "\u{feff}\"naam; soort\";x\r\n\"zei \"\"ja\"\"\";\"regel 1\nregel 2\"\r\n"
    );
}

#[test]
fn formula_injection_is_neutralised_in_text_only() {
    for (text, expected) in [
        ("=1+1", "'=1+1"),
        ("+31 20", "'+31 20"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Telefoon", "Telefoon"),
        ("a=b", "a=b"),
        ("", ""),
    ] {
        assert_eq!(neutralise(text), expected, "{text:?}");
    }
    let table = Table {
        id: "t".into(),
        title: "T".into(),
        columns: vec!["=kop".into(), "Verschil".into(), "Verschil".into()],
        rows: vec![vec![
            Cell::text("=HYPERLINK(\"http://x\";\"klik\")"),
            Cell::difference(3.25, 2.84, 1, 20),
            Cell {
                value: Value::Rounded(Rounded::new(-12.0, 0)),
                small: false,
            },
        ]],
        note: None,
    };
    let csv = to_csv(&table, true);
    // Text: neutralised (and quoted, for its quotes and `;`).
    assert!(
        csv.starts_with("\u{feff}'=kop;Verschil;Verschil\r\n"),
        "{csv:?}"
    );
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\""),
        "{csv:?}"
    );
    // Negative numbers stay numbers: no quote, no prefix.
    assert!(csv.ends_with(";-0,5;-12\r\n"), "{csv:?}");
    // A text that begins with a tab or carriage return: prefixed, and the
    // carriage return quoted by the crate.
    let table = Table {
        columns: vec!["a".into(), "b".into()],
        rows: vec![vec![Cell::text("\tx"), Cell::text("\rx")]],
        ..Table::default()
    };
    assert_eq!(to_csv(&table, true), "\u{feff}a;b\r\n'\tx;\"'\rx\"\r\n");
}
