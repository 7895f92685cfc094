//! The template engine boundary. Everything that knows template syntax lives
//! here; callers pass a source text and a serde context and get text back.
//!
//! Undefined variables are errors (strict mode), never empty text.
//!
//! Templates can come from a library overlay someone else wrote, so rendering is bounded:
//! - [`FUEL`]: instructions one rendering may execute (nested `range(10000)` loops stop here);
//! - [`MAX_OUTPUT`]: bytes one rendering may write, and the largest value `replace` or `join`
//!   may make;
//! - before rendering, [`check`] refuses the ways a short template makes a huge value without
//!   writing it — growth that compounds. A value the template made (a `~` / `+` concatenation,
//!   `replace`, `join`, `map`, a macro call, a `{% set %}…{% endset %}` capture, or a variable or
//!   macro parameter holding one) may be written out, tested or passed on, but not grown again;
//!   inside a macro or another capture no macro is called (captures never nest, so there is no
//!   recursion); `*`, `**`, recursive loops and the filters that pad or reformat (`indent`,
//!   `format`, `string`, `list`, `tojson`, …) are not available. What remains grows at most
//!   linearly with the fuel.
//!
//! The check reads minijinja's syntax tree (`unstable_machinery`); the version is pinned in
//! Cargo.toml because that interface may change in any release.

use minijinja::machinery::Span;
use minijinja::machinery::ast::{self, BinOpKind, CallArg, Expr, Stmt};
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Instructions one rendering may execute. The embedded essay layout needs about 270 (measured
/// over the 64 case × theme essays); this leaves room for layouts two hundred times larger and
/// stops a runaway loop within milliseconds.
pub const FUEL: u64 = 50_000;

/// Bytes one rendering may produce, and the largest value `replace` or `join` may make (an
/// essay is about 12 KB).
pub const MAX_OUTPUT: usize = 1 << 20;

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

/// Filters that are not available: they pad, repeat or re-format a value into a larger one, or
/// turn structure into text.
const REMOVED_FILTERS: &[&str] = &[
    "indent",
    "format",
    "string",
    "list",
    "pprint",
    "tojson",
    "json",
    "batch",
    "slice",
    "chain",
    "zip",
    "groupby",
    "split",
    "lines",
    "urlencode",
    "replace",
    "join",
];

fn too_large(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{what}の結果が上限（{} KiB）を超えます", MAX_OUTPUT / 1024),
    )
}

/// `replace` with the size of its result checked before it is made.
fn replace(value: String, from: String, to: String) -> Result<String, Error> {
    let hits = if from.is_empty() {
        value.chars().count() + 1
    } else {
        value.matches(from.as_str()).count()
    };
    let len = (value.len() - hits.min(value.len()) * from.len().min(value.len()))
        .saturating_add(hits.saturating_mul(to.len()));
    if len > MAX_OUTPUT {
        return Err(too_large("replace"));
    }
    Ok(value.replace(from.as_str(), &to))
}

/// `join` with the size of its result checked as it grows.
fn join(value: Value, joiner: Option<String>) -> Result<String, Error> {
    let joiner = joiner.unwrap_or_default();
    let mut out = String::new();
    for (i, item) in value.try_iter()?.enumerate() {
        if i > 0 {
            out.push_str(&joiner);
        }
        match item.as_str() {
            Some(s) => out.push_str(s),
            None => out.push_str(&item.to_string()),
        }
        if out.len() > MAX_OUTPUT {
            return Err(too_large("join"));
        }
    }
    Ok(out)
}

fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_debug(true);
    env.set_fuel(Some(FUEL));
    for f in REMOVED_FILTERS {
        env.remove_filter(f);
    }
    env.add_filter("replace", replace);
    env.add_filter("join", join);
    env
}

/// An output that refuses to grow past [`MAX_OUTPUT`].
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            return Err(std::io::Error::other("output limit"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn render_in(
    env: &Environment<'_>,
    name: &str,
    source: &str,
    ctx: Value,
) -> Result<String, TemplateError> {
    check(name, source)?;
    let tmpl = env
        .template_from_named_str(name, source)
        .map_err(|e| convert(&e, source))?;
    let mut out = Capped(Vec::new());
    tmpl.render_captured_to(ctx, &mut out)
        .map_err(|e| convert(&e, source))?;
    String::from_utf8(out.0).map_err(|_| TemplateError {
        message: "テンプレートの出力が UTF-8 ではありません".into(),
        range: None,
        line: None,
    })
}

/// The template value of a serde context.
fn context(ctx: &serde_json::Value) -> Value {
    Value::from(minijinja::value::Serde(ctx))
}

/// Render `source` (named `name` in messages) with `ctx`.
pub fn render(name: &str, source: &str, ctx: &serde_json::Value) -> Result<String, TemplateError> {
    render_in(&environment(), name, source, context(ctx))
}

/// Renders several templates with one context, as [`render`] does each, building the
/// environment and converting the context once (a module paragraph renders a dozen fields).
pub struct Renderer {
    env: Environment<'static>,
    ctx: Value,
}

impl Renderer {
    pub fn new(ctx: &serde_json::Value) -> Renderer {
        Renderer {
            env: environment(),
            ctx: context(ctx),
        }
    }

    /// Render `source` (named `name` in messages) with the context.
    pub fn render(&self, name: &str, source: &str) -> Result<String, TemplateError> {
        render_in(&self.env, name, source, self.ctx.clone())
    }
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
    render_in(&env, name, source, context(ctx))
}

/// Check that `source` parses and keeps to the bounded subset ([`check`]), without rendering it.
pub fn parse(name: &str, source: &str) -> Result<(), TemplateError> {
    check(name, source)?;
    let env = environment();
    env.template_from_named_str(name, source)
        .map(|_| ())
        .map_err(|e| convert(&e, source))
}

// ---------------------------------------------------------------------------------------------
// The growth check

/// Whether a value was made by the template (and so may not be grown again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// A constant, a context value or a part of one, a number.
    Given,
    /// Made by the template: a concatenation, `replace`/`join`/`map`, a capture.
    Made,
}

/// Filters whose result is no larger than their input (or is one of their arguments).
const SAFE_FILTERS: &[&str] = &[
    "safe",
    "escape",
    "e",
    "lower",
    "upper",
    "title",
    "capitalize",
    "length",
    "count",
    "dictsort",
    "items",
    "reverse",
    "trim",
    "default",
    "d",
    "round",
    "abs",
    "int",
    "float",
    "attr",
    "first",
    "last",
    "min",
    "max",
    "sort",
    "bool",
    "sum",
    "select",
    "reject",
    "selectattr",
    "rejectattr",
    "unique",
];

/// Functions whose result holds only their arguments (or numbers).
const SAFE_FUNCTIONS: &[&str] = &["range", "dict", "namespace", "cycler", "joiner"];

struct Checker<'s> {
    /// Variables bound in the template and whether any binding holds a made value
    /// (flow-insensitive: the worst binding counts).
    vars: HashMap<&'s str, Level>,
    macros: HashSet<&'s str>,
    /// Depth of macro bodies and capture blocks around the current node.
    capture: usize,
    changed: bool,
    /// Reporting pass: problems are recorded only once the levels are settled.
    report: bool,
    problems: Vec<(Span, &'static str)>,
}

impl<'s> Checker<'s> {
    fn problem(&mut self, span: Span, what: &'static str) {
        if self.report {
            self.problems.push((span, what));
        }
    }

    fn bind(&mut self, target: &Expr<'s>, level: Level) {
        match target {
            Expr::Var(v) => {
                let e = self.vars.entry(v.id).or_insert(Level::Given);
                if level > *e {
                    *e = level;
                    self.changed = true;
                }
            }
            // `ns.x = …` makes `ns` hold the value.
            Expr::GetAttr(a) => self.bind(&a.expr, level),
            Expr::GetItem(a) => self.bind(&a.expr, level),
            Expr::Tuple(t) => {
                for i in &t.items {
                    self.bind(i, level);
                }
            }
            Expr::List(t) => {
                for i in &t.items {
                    self.bind(i, level);
                }
            }
            _ => {}
        }
    }

    fn stmts(&mut self, stmts: &[Stmt<'s>]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn in_capture(&mut self, body: &[Stmt<'s>]) {
        self.capture += 1;
        self.stmts(body);
        self.capture -= 1;
    }

    fn stmt(&mut self, s: &Stmt<'s>) {
        match s {
            Stmt::Template(t) => self.stmts(&t.children),
            Stmt::EmitExpr(e) => {
                self.expr(&e.expr);
            }
            Stmt::EmitRaw(_) => {}
            Stmt::ForLoop(f) => {
                if f.recursive {
                    self.problem(f.span(), "再帰ループ（recursive）");
                }
                let level = self.expr(&f.iter);
                self.bind(&f.target, level);
                if let Some(x) = &f.filter_expr {
                    self.expr(x);
                }
                self.stmts(&f.body);
                self.stmts(&f.else_body);
            }
            Stmt::IfCond(c) => {
                self.expr(&c.expr);
                self.stmts(&c.true_body);
                self.stmts(&c.false_body);
            }
            Stmt::WithBlock(w) => {
                for (target, value) in &w.assignments {
                    let level = self.expr(value);
                    self.bind(target, level);
                }
                self.stmts(&w.body);
            }
            Stmt::Set(x) => {
                let level = self.expr(&x.expr);
                self.bind(&x.target, level);
            }
            Stmt::SetBlock(x) => {
                self.in_capture(&x.body);
                if let Some(f) = &x.filter {
                    self.filter_chain(f, Level::Made);
                }
                self.bind(&x.target, Level::Made);
            }
            Stmt::AutoEscape(a) => {
                self.expr(&a.enabled);
                self.stmts(&a.body);
            }
            Stmt::FilterBlock(f) => {
                self.in_capture(&f.body);
                self.filter_chain(&f.filter, Level::Made);
            }
            Stmt::Macro(m) => {
                for a in &m.args {
                    // A parameter may hold anything a caller passes.
                    self.bind(a, Level::Made);
                }
                for d in &m.defaults {
                    self.expr(d);
                }
                self.in_capture(&m.body);
            }
            Stmt::CallBlock(c) => {
                self.call(&c.call, c.call.span());
                self.in_capture(&c.macro_decl.body);
            }
            Stmt::Do(d) => {
                self.call(&d.call, d.call.span());
            }
            Stmt::Block(b) => self.stmts(&b.body),
            // There is no loader: another template can never be read.
            Stmt::Extends(x) => self.problem(x.span(), "ほかのテンプレートの読み込み（extends）"),
            Stmt::Include(x) => self.problem(x.span(), "ほかのテンプレートの読み込み（include）"),
            Stmt::Import(x) => self.problem(x.span(), "ほかのテンプレートの読み込み（import）"),
            Stmt::FromImport(x) => self.problem(x.span(), "ほかのテンプレートの読み込み（import）"),
        }
    }

    /// The filter expression of a set or filter block, applied to the captured (made) text.
    fn filter_chain(&mut self, f: &Expr<'s>, input: Level) -> Level {
        match f {
            Expr::Filter(x) => {
                let inner = match &x.expr {
                    Some(e) => self.filter_chain(e, input),
                    None => input,
                };
                self.filter(x, inner, f.span())
            }
            other => self.expr(other),
        }
    }

    fn args(&mut self, args: &[CallArg<'s>]) -> Vec<Level> {
        args.iter()
            .map(|a| match a {
                CallArg::Pos(e)
                | CallArg::Kwarg(_, e)
                | CallArg::PosSplat(e)
                | CallArg::KwargSplat(e) => self.expr(e),
            })
            .collect()
    }

    fn filter(&mut self, f: &ast::Filter<'s>, input: Level, span: Span) -> Level {
        let args = self.args(&f.args);
        let all = args
            .iter()
            .copied()
            .chain([input])
            .max()
            .unwrap_or(Level::Given);
        if SAFE_FILTERS.contains(&f.name) {
            return all;
        }
        if all == Level::Made {
            self.problem(
                span,
                "テンプレートが作った値をさらに大きくする処理（フィルタ）",
            );
        }
        Level::Made
    }

    fn call(&mut self, c: &ast::Call<'s>, span: Span) -> Level {
        let args = self.args(&c.args);
        let all = args.iter().copied().max().unwrap_or(Level::Given);
        match &c.expr {
            Expr::Var(v) if self.macros.contains(v.id) || v.id == "caller" => {
                if self.capture > 0 {
                    self.problem(
                        span,
                        "マクロ（または取り込みブロック）の中でのマクロの呼び出し",
                    );
                }
                Level::Made
            }
            Expr::Var(v) if SAFE_FUNCTIONS.contains(&v.id) => all,
            // A method (`loop.cycle(…)`, `d.items()`): a part of its receiver or an argument.
            Expr::GetAttr(a) => self.expr(&a.expr).max(all),
            other => {
                self.expr(other);
                Level::Made
            }
        }
    }

    /// The operands of a chain of `~` / `+`.
    fn concat_operands<'e>(e: &'e Expr<'s>, out: &mut Vec<&'e Expr<'s>>) {
        match e {
            Expr::BinOp(b) if matches!(b.op, BinOpKind::Concat | BinOpKind::Add) => {
                Self::concat_operands(&b.left, out);
                Self::concat_operands(&b.right, out);
            }
            other => out.push(other),
        }
    }

    fn expr(&mut self, e: &Expr<'s>) -> Level {
        match e {
            Expr::Var(v) => self.vars.get(v.id).copied().unwrap_or(Level::Given),
            Expr::Const(_) => Level::Given,
            Expr::Slice(s) => {
                for x in [&s.start, &s.stop, &s.step].into_iter().flatten() {
                    self.expr(x);
                }
                self.expr(&s.expr)
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.expr);
                Level::Given
            }
            Expr::BinOp(b) => match b.op {
                BinOpKind::Concat | BinOpKind::Add => {
                    let mut operands = Vec::new();
                    Self::concat_operands(e, &mut operands);
                    let levels: Vec<Level> = operands.iter().map(|o| self.expr(o)).collect();
                    if levels.contains(&Level::Made) {
                        self.problem(e.span(), "テンプレートが作った値のさらなる連結（`~`・`+`）");
                    }
                    Level::Made
                }
                BinOpKind::Mul | BinOpKind::Pow => {
                    self.expr(&b.left);
                    self.expr(&b.right);
                    self.problem(e.span(), "`*`・`**`（文字列やリストの繰り返し）");
                    Level::Made
                }
                BinOpKind::ScAnd | BinOpKind::ScOr => self.expr(&b.left).max(self.expr(&b.right)),
                _ => {
                    self.expr(&b.left);
                    self.expr(&b.right);
                    Level::Given
                }
            },
            Expr::Compare(c) => {
                self.expr(&c.expr);
                for op in &c.ops {
                    self.expr(&op.expr);
                }
                Level::Given
            }
            Expr::IfExpr(i) => {
                self.expr(&i.test_expr);
                let t = self.expr(&i.true_expr);
                match &i.false_expr {
                    Some(f) => t.max(self.expr(f)),
                    None => t,
                }
            }
            Expr::Filter(f) => {
                let input = match &f.expr {
                    Some(x) => self.expr(x),
                    None => Level::Given,
                };
                self.filter(f, input, e.span())
            }
            Expr::Test(t) => {
                self.expr(&t.expr);
                self.args(&t.args);
                Level::Given
            }
            Expr::GetAttr(a) => self.expr(&a.expr),
            Expr::GetItem(a) => {
                self.expr(&a.subscript_expr);
                self.expr(&a.expr)
            }
            Expr::Call(c) => self.call(c, e.span()),
            Expr::List(l) => self.items(&l.items),
            Expr::Tuple(t) => self.items(&t.items),
            Expr::Map(m) => {
                self.items(&m.keys);
                self.items(&m.values)
            }
        }
    }

    fn items(&mut self, items: &[Expr<'s>]) -> Level {
        items
            .iter()
            .map(|i| self.expr(i))
            .max()
            .unwrap_or(Level::Given)
    }
}

/// The macros a template defines (anywhere, so a call before the definition is known).
fn macro_names<'s>(stmts: &[Stmt<'s>], out: &mut HashSet<&'s str>) {
    for s in stmts {
        match s {
            Stmt::Template(t) => macro_names(&t.children, out),
            Stmt::Macro(m) => {
                out.insert(m.name);
                macro_names(&m.body, out);
            }
            Stmt::ForLoop(f) => {
                macro_names(&f.body, out);
                macro_names(&f.else_body, out);
            }
            Stmt::IfCond(c) => {
                macro_names(&c.true_body, out);
                macro_names(&c.false_body, out);
            }
            Stmt::WithBlock(w) => macro_names(&w.body, out),
            Stmt::SetBlock(x) => macro_names(&x.body, out),
            Stmt::AutoEscape(a) => macro_names(&a.body, out),
            Stmt::FilterBlock(f) => macro_names(&f.body, out),
            Stmt::Block(b) => macro_names(&b.body, out),
            _ => {}
        }
    }
}

/// Refuse a template whose values can compound (see the module notes): the first problem, with
/// its place in the source. Syntax errors are left to the engine's own message.
pub fn check(name: &str, source: &str) -> Result<(), TemplateError> {
    let Ok(tree) = minijinja::machinery::parse(source, name, Default::default()) else {
        return Ok(());
    };
    let mut macros = HashSet::new();
    macro_names(std::slice::from_ref(&tree), &mut macros);
    let mut c = Checker {
        vars: HashMap::new(),
        macros,
        capture: 0,
        changed: true,
        report: false,
        problems: Vec::new(),
    };
    // Levels only rise, so this settles within one pass per variable.
    let mut passes = 0;
    while c.changed && passes <= c.vars.len() + 1 {
        c.changed = false;
        c.stmt(&tree);
        passes += 1;
    }
    c.report = true;
    c.stmt(&tree);
    let Some((span, what)) = c.problems.first() else {
        return Ok(());
    };
    let start = (span.start_offset as usize).min(source.len());
    let end = (span.end_offset as usize).clamp(start, source.len());
    let range =
        (source.is_char_boundary(start) && source.is_char_boundary(end)).then_some(start..end);
    Err(TemplateError {
        message: format!(
            "テンプレート {name} では使えない書き方です: {what}。大きさが際限なく増える値を作れるため、ライブラリのテンプレートでは使えません"
        ),
        line: Some(source[..start].matches('\n').count() + 1),
        range,
    })
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
        minijinja::ErrorKind::OutOfFuel => format!(
            "テンプレートの展開が手順の上限（{FUEL}）を超えました（ループの回数が多すぎるなど）"
        ),
        minijinja::ErrorKind::WriteFailure => format!(
            "テンプレートの出力が上限（{} KiB）を超えました",
            MAX_OUTPUT / 1024
        ),
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

#[cfg(test)]
mod bounds {
    use super::*;

    fn err(src: &str, ctx: serde_json::Value) -> String {
        let start = std::time::Instant::now();
        let e = render("lib/rubrics/essay.j2", src, &ctx).unwrap_err();
        assert!(
            start.elapsed().as_secs() < 5,
            "{src}: {:?}",
            start.elapsed()
        );
        e.message
    }

    #[test]
    fn nested_range_loops_run_out_of_fuel() {
        let m = err(
            "{% for a in range(10000) %}{% for b in range(10000) %}.{% endfor %}{% endfor %}",
            serde_json::json!({}),
        );
        assert!(m.contains("手順の上限"), "{m}");
    }

    #[test]
    fn doubling_and_squaring_are_refused_before_rendering() {
        let ctx = serde_json::json!({"c": {"x": "xxxxxxxx"}});
        for src in [
            // Straight-line doubling.
            "{% set s = c.x ~ c.x %}{% set s = s ~ s %}{{ s }}",
            // Doubling across loop iterations through a namespace.
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
            // Squaring with replace.
            "{% set s = c.x|replace('x', c.x) %}{{ s|replace('x', s) }}",
            // A macro that calls another twice: nested captures.
            "{% macro a() %}{{ c.x }}{{ c.x }}{% endmacro %}{% macro b() %}{{ a() }}{{ a() }}{% endmacro %}{{ b() }}",
            // Recursion.
            "{% macro r(n) %}{% if n %}{{ r(n - 1) }}{{ r(n - 1) }}{% endif %}{% endmacro %}{{ r(40) }}",
            // Set-block captures fed back.
            "{% set a %}{{ c.x }}{{ c.x }}{% endset %}{% set b = a ~ a %}{{ b }}",
            // Repetition.
            "{{ 'x' * 100000000 }}",
            "{{ c.x|indent(1000000000) }}",
        ] {
            let m = err(src, ctx.clone());
            assert!(
                m.contains("使えない書き方") || m.contains("is unknown"),
                "{src}: {m}"
            );
        }
    }

    #[test]
    fn output_and_values_are_capped() {
        let big = "a".repeat(600_000);
        let ctx = serde_json::json!({"x": big});
        let m = err("{{ x }}{{ x }}", ctx.clone());
        assert!(m.contains("出力が上限"), "{m}");
        let m = err("{{ x|replace('a', 'aa') }}", ctx);
        assert!(
            m.contains("replace の結果が上限") || m.contains("replaceの結果が上限"),
            "{m}"
        );
    }

    #[test]
    fn layouts_with_macros_sets_and_concatenation_of_given_values_render() {
        // The shape a question-driven layout uses: macros without nesting, a set of a
        // concatenation of context values, loops at the top level calling the macros.
        let src = "{% macro block() %}{% set ch = e.ch or (p.m ~ 'を' ~ p.b ~ 'から改善する') %}{{ ch }}。{% for s in e.list %}{{ s }}{% endfor %}{% endmacro %}{% for part in parts %}{% if part == 'x' %}{{ block() }}{% endif %}{% endfor %}{{ s.r | replace('が課題である。', 'も課題である。') }}";
        let ctx = serde_json::json!({
            "e": {"ch": "", "list": ["一。", "二。"]},
            "p": {"m": "件数", "b": "10件"},
            "s": {"r": "監視が課題である。"},
            "parts": ["x", "y"],
        });
        assert_eq!(
            render("t", src, &ctx).unwrap(),
            "件数を10件から改善する。一。二。監視も課題である。"
        );
    }

    #[test]
    fn the_embedded_layout_keeps_to_the_bounds() {
        let lib = crate::library::Library::embedded().unwrap();
        check(&lib.essay_template_path, &lib.essay_template).unwrap();
        check("rubrics/module.j2", &lib.module_template).unwrap();
    }
}
