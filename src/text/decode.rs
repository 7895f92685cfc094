//! Turning file bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! Shift_JIS / EUC-JP when detection is certain. Anything else is a clear error.

/// Decoded text plus a note when the file was not UTF-8.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// `Some("Shift_JIS")` etc. when the input was converted from another encoding.
    pub converted_from: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// NUL bytes or other signs of a binary file.
    #[error("バイナリファイルのため読み込めません")]
    Binary,
    /// Not UTF-8 and no Japanese legacy encoding decodes it cleanly.
    #[error(
        "文字コードを判定できません（UTF-8 / Shift_JIS / EUC-JP / UTF-16 のいずれでもありません）。UTF-8 で保存し直してください"
    )]
    UnknownEncoding,
    /// UTF-8 text with a few broken bytes (a damaged or truncated file): where the first one is.
    #[error(
        "UTF-8 として正しくないバイトがあります（{line}行目、先頭から{byte}バイト目）。ファイルが壊れていないか確かめ、UTF-8 で保存し直してください"
    )]
    InvalidUtf8 { line: usize, byte: usize },
    /// Looks like UTF-16 without a byte order mark, which cannot be told apart from binary
    /// data with certainty.
    #[error(
        "BOM の無い UTF-16 と思われますが、確実には判定できないため読み込みません。UTF-8（または BOM 付きの UTF-16）で保存し直してください"
    )]
    Utf16WithoutBom,
}

/// Decode file contents.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| Decoded {
                text: s.to_owned(),
                converted_from: None,
            })
            .map_err(|_| match not_decodable(rest) {
                // Count the byte order mark in the position of the bad byte.
                DecodeError::InvalidUtf8 { line, byte } => DecodeError::InvalidUtf8 {
                    line,
                    byte: byte + 3,
                },
                e => e,
            });
    }
    for (bom, enc, name) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(DecodeError::UnknownEncoding);
            }
            return Ok(Decoded {
                text: text.into_owned(),
                converted_from: Some(name),
            });
        }
    }
    if bytes.contains(&0) {
        return Err(if looks_like_utf16(bytes) {
            DecodeError::Utf16WithoutBom
        } else {
            DecodeError::Binary
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            converted_from: None,
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"jp"), chardetng::Utf8Detection::Allow);
    let (name, enc) = if guess == encoding_rs::EUC_JP {
        ("EUC-JP", encoding_rs::EUC_JP)
    } else if guess == encoding_rs::SHIFT_JIS {
        ("Shift_JIS", encoding_rs::SHIFT_JIS)
    } else {
        return Err(not_decodable(bytes));
    };
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors
        || text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(not_decodable(bytes));
    }
    Ok(Decoded {
        text: text.into_owned(),
        converted_from: Some(name),
    })
}

/// Even-length data that reads as UTF-16 text of ASCII and Japanese in one byte order: some
/// NULs, every high byte 0x00 (ASCII), 0x20 (punctuation), 0x30 (kana), 0x4E-0x9F (kanji) or
/// 0xFF (full-width forms), and no control characters besides tab and line breaks.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if !bytes.len().is_multiple_of(2) {
        return false;
    }
    let plausible = |b: u8| matches!(b, 0x00 | 0x20 | 0x30 | 0x4E..=0x9F | 0xFF);
    [(1, encoding_rs::UTF_16LE), (0, encoding_rs::UTF_16BE)]
        .iter()
        .any(|&(high, enc)| {
            let mut highs = bytes.iter().skip(high).step_by(2);
            highs.clone().any(|b| *b == 0) && highs.all(|b| plausible(*b)) && {
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                !had_errors
                    && !text
                        .chars()
                        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            }
        })
}

/// The error for bytes that no encoding decodes: a pointer to the first bad byte when the file
/// is UTF-8 apart from a few broken sequences, a general message otherwise.
fn not_decodable(bytes: &[u8]) -> DecodeError {
    let Err(first) = std::str::from_utf8(bytes) else {
        return DecodeError::UnknownEncoding;
    };
    let good = first.valid_up_to();
    let lossy = String::from_utf8_lossy(bytes);
    let broken = lossy.matches('\u{FFFD}').count();
    let non_ascii_ok = lossy
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    if broken <= 8 && non_ascii_ok >= 4 * broken {
        let line = bytes[..good].iter().filter(|b| **b == b'\n').count() + 1;
        DecodeError::InvalidUtf8 {
            line,
            byte: good + 1,
        }
    } else {
        DecodeError::UnknownEncoding
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_is_decoded() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("障害対応の初動について述べる。");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "障害対応の初動について述べる。");
        assert_eq!(d.converted_from, Some("Shift_JIS"));
    }

    #[test]
    fn bom_is_stripped_and_binary_rejected() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().text, "abc");
        assert_eq!(decode(b"ab\0cd").unwrap_err(), DecodeError::Binary);
        assert_eq!(decode(&[0xFF, 0xFE, b'a', 0]).unwrap().text, "a");
    }

    #[test]
    fn damaged_utf8_and_bomless_utf16_get_their_own_messages() {
        let mut bytes = "障害対応の手順を整備した。\n次の".as_bytes().to_vec();
        let at = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice("文である。".as_bytes());
        assert_eq!(
            decode(&bytes).unwrap_err(),
            DecodeError::InvalidUtf8 {
                line: 2,
                byte: at + 1
            }
        );
        for text in ["- item\n", "障害対応の手順は2件である。\r\n次に進む。\r\n"]
        {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            assert_eq!(
                decode(&le).unwrap_err(),
                DecodeError::Utf16WithoutBom,
                "{text}"
            );
            assert_eq!(
                decode(&be).unwrap_err(),
                DecodeError::Utf16WithoutBom,
                "{text}"
            );
        }
        assert_eq!(
            decode(&[0, 1, 2, 0, 0, 7]).unwrap_err(),
            DecodeError::Binary
        );
        assert_eq!(
            decode(&[0, 159, 146, 150, 0, 1]).unwrap_err(),
            DecodeError::Binary
        );
    }

    #[test]
    fn garbage_is_rejected() {
        assert!(decode(&[0x80, 0x81, 0xFF, 0xFE, 0x41, 0xC0]).is_err());
    }
}
