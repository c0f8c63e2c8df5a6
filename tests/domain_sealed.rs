//! The pure parts of sealed answers: base64url, the public key in a link,
//! the sealed record's shape and the key file.

use wijkpeil::domain::base64url::{decode, encode};
use wijkpeil::domain::survey::sealed::{
    passphrase_ok, AnswerKey, KeyFile, KeyFileProblem, KEY_FILE_FORMAT, MAX_KEY_FILE_BYTES,
};

const KEY: &str =
    "BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0A";

#[test]
fn base64url_is_rfc_4648_without_padding() {
    for (plain, text) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode(plain.as_bytes()), text);
        assert_eq!(decode(text).as_deref(), Some(plain.as_bytes()));
    }
    // The URL-safe letters, both ways.
    assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(decode("-_8"), Some(vec![0xfb, 0xff]));
    for every in 0..=255u8 {
        let bytes: Vec<u8> = (0..every).collect();
        assert_eq!(decode(&encode(&bytes)), Some(bytes));
    }
}

#[test]
fn base64url_refuses_what_an_encoder_does_not_write() {
    for text in [
        "Z", "Zm9v=", "Zm9v+", "Zm/v", "Zh", "Zm9", "Zm9vYmF", "Zm 9",
    ] {
        // "Zh" and "Zm9" leave bits set after the last whole byte.
        assert_eq!(decode(text), None, "{text}");
    }
}

#[test]
fn an_answer_key_is_an_uncompressed_p256_point() {
    let key = AnswerKey::parse(KEY).expect("a key");
    assert_eq!(key.id(), "0102030405060708", "the first eight bytes of x");
    assert!(AnswerKey::parse(&KEY[..86]).is_none(), "64 bytes");
    assert!(AnswerKey::parse(&format!("{KEY}AA")).is_none(), "66 bytes");
    assert!(
        AnswerKey::parse(&format!("A{}", &KEY[1..])).is_none(),
        "not 04"
    );
    assert!(AnswerKey::parse("").is_none());
}

fn file_text(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut file = serde_json::json!({
        "format": KEY_FILE_FORMAT,
        "version": 1,
        "public": KEY,
        "key": "0102030405060708",
        "iterations": 600000,
        "salt": encode(&[1; 16]),
        "iv": encode(&[2; 12]),
        "private": encode(&[3; 154]),
    });
    change(&mut file);
    file.to_string()
}

#[test]
fn a_key_file_is_checked_before_anything_is_decrypted() {
    let (file, key) = KeyFile::read(&file_text(|_| {})).expect("a key file");
    assert_eq!(key.as_str(), KEY);
    assert_eq!(file.iterations, 600_000);
    let refused = |change: fn(&mut serde_json::Value)| KeyFile::read(&file_text(change)).err();
    assert_eq!(
        refused(|f| f["format"] = "wijkpeil-export".into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        refused(|f| f["version"] = 2.into()),
        Some(KeyFileProblem::NewerVersion)
    );
    assert_eq!(
        refused(|f| f["key"] = "ffffffffffffffff".into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        refused(|f| f["public"] = "AAAA".into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        refused(|f| f["iterations"] = 0.into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        refused(|f| f["iterations"] = 4_000_000_000u32.into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        refused(|f| f["salt"] = encode(&[1; 8]).into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        refused(|f| f["private"] = "".into()),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(
        KeyFile::read("not json").err(),
        Some(KeyFileProblem::NotAKeyFile)
    );
    assert_eq!(KeyFile::read("[]").err(), Some(KeyFileProblem::NotAKeyFile));
    let huge = " ".repeat(MAX_KEY_FILE_BYTES + 1);
    assert_eq!(KeyFile::read(&huge).err(), Some(KeyFileProblem::TooLarge));
}

#[test]
fn a_key_files_passphrase_is_long() {
    assert!(!passphrase_ok("elf tekens!"));
    assert!(passphrase_ok("twaalf teken"));
    assert!(passphrase_ok("één twee drie"));
}

mod opening {
    use chrono::NaiveDate;
    use wijkpeil::domain::survey::sealed::{
        envelope, opened, secret, OpenProblem, SealedCopy, COPY_FORMAT, MAX_SEALED_BYTES,
    };
    use wijkpeil::domain::survey::{Answer, ResponseContent};

    fn response() -> ResponseContent {
        let mut r = ResponseContent::new(
            "kto",
            1,
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            "ar",
        );
        r.answers.insert("cijfer".into(), Answer::Number(9));
        r.answers.insert(
            "toelichting".into(),
            Answer::Text("<script>alert(1)</script>".into()),
        );
        r
    }

    #[test]
    fn what_is_sealed_comes_back_as_it_was() {
        let r = response();
        let shut = envelope(&r);
        assert!(shut.answers.is_empty() && shut.lang.is_empty());
        assert_eq!(opened(&shut, secret(&r).as_bytes()), Ok(r));
    }

    #[test]
    fn a_decrypted_text_that_is_not_a_secret_part_is_damage_not_an_answer() {
        let shut = envelope(&response());
        for plain in [
            &b""[..],
            b"null",
            b"[]",
            b"{\"lang\":\"nl\"}",
            b"{\"lang\":1,\"answers\":{}}",
            b"{\"lang\":\"nl\",\"answers\":{\"q\":{\"number\":300}}}",
            b"\xff\xfe",
        ] {
            assert_eq!(opened(&shut, plain), Err(OpenProblem::Damaged), "{plain:?}");
        }
        let huge = format!(
            "{{\"lang\":\"nl\",\"answers\":{{}},\"x\":\"{}\"}}",
            "a".repeat(MAX_SEALED_BYTES)
        );
        assert_eq!(opened(&shut, huge.as_bytes()), Err(OpenProblem::Damaged));
    }

    #[test]
    fn only_a_sealed_copy_reads_as_one() {
        let copy = format!(
            r#"{{"format":"{COPY_FORMAT}","version":1,"key":"0102030405060708","epk":"A","iv":"B","data":"C"}}"#
        );
        assert!(SealedCopy::read(&copy).is_some());
        assert!(
            SealedCopy::read(&format!("  \n{copy}")).is_some(),
            "leading white space"
        );
        assert!(SealedCopy::read(r#"{"format":"wijkpeil-export","format_version":3}"#).is_none());
        assert!(
            SealedCopy::read(&copy[..copy.len() - 1]).is_none(),
            "cut off"
        );
        assert!(SealedCopy::read("").is_none());
        // A copy with fields of the wrong type is not a copy either.
        assert!(SealedCopy::read(&copy.replace("\"version\":1", "\"version\":\"1\"")).is_none());
        assert_eq!(
            SealedCopy::associated_data("0102030405060708"),
            format!("{COPY_FORMAT} 1\n0102030405060708")
        );
    }
}
