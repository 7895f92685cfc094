//! The template engine boundary. Everything that knows template syntax lives
//! here; callers pass a source text and a serde context and get text back.
//!
//! Undefined variables are errors (strict mode), never empty text.

use minijinja::{Environment, UndefinedBehavior};
use std::ops::Range;

/// A template failure with its byte range in the template source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TemplateError {
    /// Human message in Japanese, naming the variable when it is undefined.
    pub message: String,
    /// Byte range in the template source, if known.
    pub range: Option<Range<usize>>,
    /// 1-based line in the template source, if known.
    pub line: Option<usize>,
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_debug(true);
    env
}

/// Render `source` (named `name` in messages) with `ctx`.
pub fn render(name: &str, source: &str, ctx: &serde_json::Value) -> Result<String, TemplateError> {
    let env = environment();
    let value = minijinja::Value::from(minijinja::value::Serde(ctx));
    env.render_named_str(name, source, value)
        .map_err(|e| convert(&e, source))
}

/// Render a layout template (`rubrics/essay.j2`): like [`render`], but a line that holds only
/// a block tag (`{% if … %}`, `{% endif %}`) leaves no empty line behind (trim_blocks and
/// lstrip_blocks), so layouts can put one sentence per line.
pub fn render_layout(
    name: &str,
    source: &str,
    ctx: &serde_json::Value,
) -> Result<String, TemplateError> {
    let mut env = environment();
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    let value = minijinja::Value::from(minijinja::value::Serde(ctx));
    env.render_named_str(name, source, value)
        .map_err(|e| convert(&e, source))
}

/// Check that `source` parses, without rendering it.
pub fn parse(name: &str, source: &str) -> Result<(), TemplateError> {
    let env = environment();
    env.template_from_named_str(name, source)
        .map(|_| ())
        .map_err(|e| convert(&e, source))
}

fn convert(e: &minijinja::Error, source: &str) -> TemplateError {
    let range = e.range().filter(|r| r.end <= source.len());
    let expr = range
        .as_ref()
        .map(|r| source[r.clone()].trim().to_owned())
        .unwrap_or_default();
    let message = match e.kind() {
        minijinja::ErrorKind::UndefinedError => {
            if expr.is_empty() {
                "未定義の変数を参照しています".to_owned()
            } else {
                format!("未定義の変数 `{expr}` を参照しています")
            }
        }
        minijinja::ErrorKind::SyntaxError => format!(
            "テンプレートの構文エラー: {}",
            e.detail().unwrap_or("構文が正しくありません")
        ),
        _ => format!(
            "テンプレートを展開できません: {}",
            e.detail()
                .map(str::to_owned)
                .unwrap_or_else(|| e.to_string())
        ),
    };
    TemplateError {
        message,
        range,
        line: e.line(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_rejects_undefined() {
        let ctx = serde_json::json!({"c": {"alias": "A社"}});
        assert_eq!(render("t", "{{ c.alias }}は", &ctx).unwrap(), "A社は");
        let err = render("t", "前\n{{ c.bdy }}後", &ctx).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("c.bdy"), "{}", err.message);
        let r = err.range.unwrap();
        assert_eq!(&"前\n{{ c.bdy }}後"[r], "c.bdy");
    }

    #[test]
    fn layouts_drop_block_only_lines() {
        let ctx = serde_json::json!({"x": true, "y": false});
        let src = "一\n{% if x %}\n二\n{% endif %}\n{% if y %}\n三\n{% endif %}\n四\n";
        assert_eq!(render_layout("t", src, &ctx).unwrap(), "一\n二\n四");
        assert!(render_layout("t", "{{ z }}", &ctx).is_err());
    }

    #[test]
    fn syntax_errors_are_reported() {
        let err = parse("t", "{% if %}").unwrap_err();
        assert!(err.message.contains("構文"), "{}", err.message);
    }
}
