//! One rounding rule (half up, away from zero) and Dutch notation for every
//! figure (`domain::number`).

use wijkpeil::domain::number::{
    format_count, format_count_nl, format_decimal, format_decimal_nl, format_percent,
    format_percent_nl, printed_difference, round, NumberStyle, Rounded,
};

#[test]
fn ties_round_half_up_not_to_even() {
    // 2.25 and 7.75 are exact in binary: `{:.1}` rounds them to even.
    assert_eq!(format!("{:.1}", 2.25_f64), "2.2");
    assert_eq!(format_decimal_nl(2.25, 1), "2,3");
    assert_eq!(format_decimal_nl(7.75, 1), "7,8");
    assert_eq!(format_decimal_nl(0.5, 0), "1");
    assert_eq!(format_decimal_nl(2.5, 0), "3");
    assert_eq!(format_decimal_nl(3.5, 0), "4");
    assert_eq!(format_decimal_nl(0.125, 2), "0,13");
}

#[test]
fn binary_float_traps_round_as_their_decimal_text() {
    // Just below the tie in binary: a naive `(x * 10^d).round()` gets
    // some of these wrong.
    let naive = |x: f64, d: i32| (x * 10_f64.powi(d)).round() / 10_f64.powi(d);
    assert_eq!(naive(std::hint::black_box(1.005), 2), 1.0);
    assert_eq!(format_decimal_nl(9.055, 2), "9,06");
    assert_eq!(format_decimal_nl(0.15, 1), "0,2");
    assert_eq!(format_decimal_nl(1.005, 2), "1,01");
    assert_eq!(format_decimal_nl(2.675, 2), "2,68");
    assert_eq!(format_decimal_nl(1.0005, 3), "1,001");
    assert_eq!(format_decimal_nl(8.345, 2), "8,35");
    assert_eq!(format_decimal_nl(0.1 + 0.2, 1), "0,3");
    // Arithmetic noise one step under a tie: 2.2499999999999996.
    let noisy = f64::from_bits(2.25_f64.to_bits() - 1);
    assert!(noisy < 2.25);
    assert_eq!(format!("{:.1}", noisy), "2.2");
    assert_eq!(format_decimal_nl(noisy, 1), "2,3");
    // A mean: 163 / 18 = 9.0555…
    assert_eq!(format_decimal_nl(163.0 / 18.0, 2), "9,06");
    assert_eq!(format_decimal_nl(9.0555, 2), "9,06");
    // Below a tie stays below.
    assert_eq!(format_decimal_nl(2.249, 1), "2,2");
    assert_eq!(format_decimal_nl(9.054_999, 2), "9,05");
}

#[test]
fn negatives_round_away_from_zero_and_zero_has_no_sign() {
    assert_eq!(format_decimal_nl(-0.25, 1), "-0,3");
    assert_eq!(format_decimal_nl(-2.25, 1), "-2,3");
    assert_eq!(format_decimal_nl(-0.15, 1), "-0,2");
    assert_eq!(format_decimal_nl(-100.0, 0), "-100");
    assert_eq!(format_decimal_nl(-0.04, 1), "0,0");
    assert_eq!(format_decimal_nl(-0.0, 2), "0,00");
}

#[test]
fn decimals_zero_to_three_and_no_more() {
    assert_eq!(format_decimal_nl(12.0, 0), "12");
    assert_eq!(format_decimal_nl(8.0, 1), "8,0");
    assert_eq!(format_decimal_nl(7.45, 1), "7,5");
    assert_eq!(format_decimal_nl(1.23456, 3), "1,235");
    assert_eq!(format_decimal_nl(1.23456, 9), "1,235");
    assert_eq!(format_decimal_nl(0.0005, 3), "0,001");
    assert_eq!(format_decimal_nl(f64::NAN, 1), "0,0");
}

#[test]
fn thousands_separators_in_counts_and_decimals() {
    assert_eq!(format_count_nl(0), "0");
    assert_eq!(format_count_nl(999), "999");
    assert_eq!(format_count_nl(1000), "1.000");
    assert_eq!(format_count_nl(17_076), "17.076");
    assert_eq!(format_count_nl(1_234_567), "1.234.567");
    assert_eq!(format_decimal_nl(1234.5, 1), "1.234,5");
    assert_eq!(format_decimal_nl(-1234.45, 1), "-1.234,5");
    assert_eq!(format_decimal_nl(999.95, 1), "1.000,0");
    assert_eq!(format_count(17_076, NumberStyle::NL_PLAIN), "17076");
    assert_eq!(format_decimal(1234.5, 1, NumberStyle::NL_PLAIN), "1234,5");
    assert_eq!(format_count(17_076, NumberStyle::EN), "17,076");
    assert_eq!(format_decimal(1234.25, 1, NumberStyle::EN), "1,234.3");
}

#[test]
fn percent_from_tenths() {
    assert_eq!(format_percent_nl(128), "12,8%");
    assert_eq!(format_percent_nl(734), "73,4%");
    assert_eq!(format_percent_nl(0), "0,0%");
    assert_eq!(format_percent_nl(1000), "100,0%");
    assert_eq!(format_percent(128, NumberStyle::EN), "12.8%");
    // The survey module's names are the same implementation.
    assert_eq!(
        wijkpeil::domain::survey::format_percent_nl(128),
        format_percent_nl(128)
    );
    assert_eq!(wijkpeil::domain::survey::format_decimal_nl(2.25, 1), "2,3");
}

#[test]
fn a_difference_is_taken_from_the_printed_figures() {
    // 3,26 → 2,84 prints as 3,3 → 2,8; the unrounded difference −0,42
    // would print −0,4 too, but 3,25 → 2,84 (3,3 → 2,8) is −0,41 → "−0,4"
    // unrounded and −0,5 as printed. The printed one adds up.
    assert_eq!(format_decimal_nl(2.84 - 3.25, 1), "-0,4");
    let d = printed_difference(3.25, 2.84, 1);
    assert_eq!(d.format(NumberStyle::NL), "-0,5");
    // and the other way round: 3,34 → 2,86 prints 3,3 → 2,9, −0,4 (the
    // unrounded −0,48 would print −0,5).
    assert_eq!(format_decimal_nl(2.86 - 3.34, 1), "-0,5");
    assert_eq!(
        printed_difference(3.34, 2.86, 1).format(NumberStyle::NL),
        "-0,4"
    );
    assert_eq!(
        printed_difference(2.25, 2.75, 1).format_signed(NumberStyle::NL),
        "+0,5"
    );
    assert_eq!(
        printed_difference(2.0, 2.04, 1).format_signed(NumberStyle::NL),
        "0,0"
    );
    // Mixed decimals: at the larger number.
    assert_eq!(
        Rounded::new(9.06, 2)
            .minus(Rounded::whole(9))
            .format(NumberStyle::NL),
        "0,06"
    );
}

#[test]
fn rounded_values_for_drawing() {
    assert_eq!(round(2.25, 1), 2.3);
    assert_eq!(round(-2.25, 1), -2.3);
    assert_eq!(round(9.055, 2), 9.06);
    assert_eq!(
        Rounded::new(2.25, 1),
        Rounded {
            units: 23,
            decimals: 1
        }
    );
}
