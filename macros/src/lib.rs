//! `needles!(r"pattern")`: the compile-time half of itsm's `static_regex!`
//! (`src/text/scan.rs`). It parses the pattern with the same parser the `regex` crate uses — a
//! pattern that does not parse fails the build — and expands to
//! `(&[b"lit", …] as &[&[u8]], exact, anchored)`: literals one of which every match contains
//! (empty when there is no such set), whether the pattern matches exactly those literals, and
//! whether a match must start the text (then the literals are its possible first characters). The run-time
//! side answers "no match" from them without compiling the regex, so a short text never pays
//! for the patterns it cannot match.

use proc_macro::{Delimiter, Group, Literal, Punct, Spacing, TokenStream, TokenTree};

mod needles;

#[proc_macro]
pub fn needles(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter();
    let mut first = tokens.next();
    // A `$re:literal` passed on by `macro_rules!` arrives wrapped in an invisible group.
    while let Some(TokenTree::Group(g)) = &first {
        if g.delimiter() != Delimiter::None {
            break;
        }
        let mut inner = g.stream().into_iter();
        first = inner.next();
        if inner.next().is_some() {
            return error("needles! takes one string literal");
        }
    }
    let (Some(TokenTree::Literal(lit)), None) = (first, tokens.next()) else {
        return error("needles! takes one string literal");
    };
    let Some(pattern) = string_value(&lit.to_string()) else {
        return error("needles! takes a string literal (r\"…\" or \"…\")");
    };
    match needles::needles(&pattern) {
        Err(e) => error(&format!("invalid regex: {e}")),
        Ok(found) => {
            let (literals, exact, anchored) = found.map_or((Vec::new(), false, false), |n| {
                (n.literals, n.exact, n.anchored)
            });
            let mut items = TokenStream::new();
            for l in literals {
                items.extend([TokenTree::Literal(Literal::byte_string(&l))]);
                items.extend("as &[u8]".parse::<TokenStream>().expect("valid tokens"));
                items.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
            }
            let array = TokenTree::Group(Group::new(Delimiter::Bracket, items));
            let body: TokenStream = format!("&{array} as &[&[u8]], {exact}, {anchored}")
                .parse()
                .expect("valid tokens");
            TokenStream::from(TokenTree::Group(Group::new(Delimiter::Parenthesis, body)))
        }
    }
}

fn error(message: &str) -> TokenStream {
    format!("compile_error!({message:?})")
        .parse()
        .expect("valid tokens")
}

/// The value of a string literal token: raw (`r"…"`, `r#"…"#`) or plain with the usual escapes.
fn string_value(token: &str) -> Option<String> {
    if let Some(raw) = token.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let inner = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return inner
            .strip_prefix('"')?
            .strip_suffix('"')
            .map(str::to_owned);
    }
    let inner = token.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'u' => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = rest.strip_prefix('{')?;
                out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}
