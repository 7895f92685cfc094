//! Turning file bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! Shift_JIS / EUC-JP when detection is certain. Anything else is a clear error.

use std::fmt;

/// Decoded text plus a note when the file was not UTF-8.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// `Some("Shift_JIS")` etc. when the input was converted from another encoding.
    pub converted_from: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other signs of a binary file.
    Binary,
    /// Not UTF-8 and no Japanese legacy encoding decodes it cleanly.
    UnknownEncoding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "バイナリファイルのため読み込めません"),
            DecodeError::UnknownEncoding => write!(
                f,
                "文字コードを判定できません（UTF-8 / Shift_JIS / EUC-JP / UTF-16 のいずれでもありません）。UTF-8 で保存し直してください"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode file contents.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| Decoded {
                text: s.to_owned(),
                converted_from: None,
            })
            .map_err(|_| DecodeError::UnknownEncoding);
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
        return Err(DecodeError::Binary);
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
        return Err(DecodeError::UnknownEncoding);
    };
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors
        || text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok(Decoded {
        text: text.into_owned(),
        converted_from: Some(name),
    })
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
    fn garbage_is_rejected() {
        assert!(decode(&[0x80, 0x81, 0xFF, 0xFE, 0x41, 0xC0]).is_err());
    }
}
