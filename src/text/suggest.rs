//! "Did you mean …?" for ids, rule codes, config keys and directives typed by a user.

/// The closest valid id, if any is close enough.
pub fn did_you_mean<'a>(input: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    valid
        .into_iter()
        .map(|v| (strsim::jaro_winkler(input, v), v))
        .filter(|(s, _)| *s > 0.75)
        // The first of equally close candidates wins (「S02」 → S002, not S012).
        .fold(None, |best: Option<(f64, &str)>, x| match best {
            Some(b) if b.0 >= x.0 => Some(b),
            _ => Some(x),
        })
        .map(|(_, v)| v)
}
