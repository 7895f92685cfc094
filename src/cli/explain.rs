//! `itsm explain`: print the documentation of a rule or of any other user-visible code.

use super::{Exit, Failure, print_out};
use crate::lint::registry::{self, Entry};
use crate::text::did_you_mean;

pub(crate) fn run(key: &str) -> Result<Exit, Failure> {
    let Some(e) = registry::find_code(key) else {
        let mut valid: Vec<&str> = registry::all().map(Entry::code).collect();
        valid.extend(registry::all().map(Entry::name));
        let upper = key.to_ascii_uppercase();
        let guess = did_you_mean(&upper, valid.iter().copied())
            .or_else(|| did_you_mean(key, valid.iter().copied()));
        let mut m = format!("未知の規則 `{key}` です。");
        if let Some(g) = guess {
            m.push_str(&format!("もしかして `{g}` ですか？ "));
        }
        m.push_str("`itsm list rules` で一覧を表示できます");
        return Err(Failure::Usage(m));
    };
    let body: String = e
        .explanation()
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let what = match e {
        Entry::Rule(_) => "対象",
        Entry::Other(_) => "報告の対象",
    };
    let mut text = format!(
        "{} {}（既定の重大度: {}、{what}: {}）\n{}\n\n{}\n",
        e.code(),
        e.name(),
        e.severity().as_str(),
        e.target(),
        e.summary(),
        body.trim()
    );
    if let Some(prefix) = registry::prefix_of(e.code()) {
        let p: String = e
            .code()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        text.push_str(&format!("\nコードの接頭辞 {p}: {prefix}\n"));
    }
    print_out(&text)?;
    Ok(Exit::Clean)
}
