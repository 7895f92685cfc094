//! `itsm explain`: print a rule's documentation.

use super::{Failure, print_out};
use crate::lint::registry::{self, RULES};
use crate::text::did_you_mean;

pub(crate) fn run(key: &str) -> Result<u8, Failure> {
    let Some(r) = registry::find(key) else {
        let mut valid: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        valid.extend(RULES.iter().map(|r| r.name));
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
    let body: String = r
        .explanation
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!(
        "{} {}（既定の重大度: {}、対象: {}）\n{}\n\n{}\n",
        r.code,
        r.name,
        r.default_severity.as_str(),
        r.scope.as_str(),
        r.summary,
        body.trim()
    );
    print_out(&text)?;
    Ok(0)
}
