//! The argument parser in Japanese: clap's help, usage and errors, which are English out of the
//! box, are rewritten here in one place, so that no subcommand has to think about it.
//!
//! - Help: a help template with 「使い方:」, the headings 「引数」「オプション」「コマンド」 on every
//!   argument, `-h/--help` and `-V/--version` as our own flags (clap's built-in ones say "Print
//!   help"), default and possible values appended to each help line in Japanese, and the usage
//!   line itself (`[OPTIONS]`, `<COMMAND>`) overridden per command.
//! - `itsm help [COMMAND]` is read as `itsm [COMMAND] --help` (clap's help subcommand is English).
//! - Errors: [`render_error`] writes each [`ErrorKind`] from the error's structured context
//!   (the offending argument, the valid values, clap's suggestions), the way clap's own formatter
//!   does, never by parsing clap's English text. Value parsers' messages (clap's integer range
//!   and parse errors) are translated; our own parsers already speak Japanese.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;

const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// `cmd` (the derived command tree) with Japanese help everywhere.
pub fn localize(cmd: Command) -> Command {
    let cmd = localize_one(cmd, true)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .disable_help_subcommand(true);
    let cmd = cmd.mut_subcommands(|s| localize_one(s, false));
    // The usage lines, computed by clap once everything is in place, then fixed in words.
    let mut built = cmd.clone();
    built.build();
    let root_usage = usage_of(&mut built);
    let subs: Vec<(String, String)> = built
        .get_subcommands_mut()
        .map(|s| (s.get_name().to_owned(), usage_of(s)))
        .collect();
    let mut cmd = cmd.override_usage(root_usage);
    for (name, usage) in subs {
        cmd = cmd.mut_subcommand(name, |s| s.override_usage(usage));
    }
    cmd
}

fn localize_one(cmd: Command, root: bool) -> Command {
    let mut cmd = cmd
        .help_template(HELP_TEMPLATE)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("このヘルプを表示する"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版を表示する"),
        );
    }
    cmd.mut_args(localize_arg)
}

fn localize_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        "引数"
    } else {
        "オプション"
    };
    let mut help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_value = a.get_action().takes_values();
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push_str(&format!("（既定: {}）", defaults.join(", ")));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        help.push_str(&format!("［値: {}］", values.join(", ")));
    }
    let a = if takes_value {
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    }
    .help(help);
    if a.get_help_heading().is_some() {
        a
    } else {
        a.help_heading(heading)
    }
}

/// The usage line of a built command, in words: `itsm lint [オプション] <PATHS>...`.
fn usage_of(c: &mut Command) -> String {
    let u = c.render_usage().to_string();
    let u = u.strip_prefix("Usage: ").unwrap_or(&u);
    words(u)
}

fn words(usage: &str) -> String {
    usage
        .replace("[OPTIONS]", "[オプション]")
        .replace("<COMMAND>", "<コマンド>")
        .replace("[COMMAND]", "[コマンド]")
}

/// `itsm help` → `itsm --help`, `itsm help lint` → `itsm lint --help` (clap's help subcommand
/// is disabled: its own help text cannot be translated).
pub fn help_subcommand(args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).and_then(|a| a.to_str()) != Some("help") {
        return args;
    }
    let mut out = vec![args[0].clone()];
    out.extend(args.into_iter().skip(2));
    out.push("--help".into());
    out
}

/// The command a parse error is about, for the closing 「詳しくは 'itsm lint --help'」: `itsm`
/// and the first argument that names one of `cmd`'s subcommands.
pub fn command_path(cmd: &Command, args: &[OsString]) -> String {
    let sub = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| cmd.get_subcommands().any(|s| s.get_name() == *a));
    match sub {
        Some(s) => format!("{} {s}", cmd.get_name()),
        None => cmd.get_name().to_owned(),
    }
}

/// A parse error (or help / version display) as the text to print, in Japanese for errors;
/// `command` (from [`command_path`]) names the help to read. Help and version are clap's
/// rendering of our localized templates.
pub fn render_error(err: &clap::Error, command: &str) -> String {
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return err.render().to_string();
        }
        _ => {}
    }
    let s = |k: ContextKind| match err.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        Some(ContextValue::StyledStr(v)) => Some(v.to_string()),
        _ => None,
    };
    let list = |k: ContextKind| match err.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(v)) => vec![v.clone()],
        _ => Vec::new(),
    };
    let num = |k: ContextKind| match err.get(k) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = s(ContextKind::InvalidArg).unwrap_or_default();
    let value = s(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    let head = match err.kind() {
        ErrorKind::UnknownArgument => format!("引数 '{arg}' はありません"),
        ErrorKind::InvalidSubcommand => format!(
            "コマンド '{}' はありません",
            s(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("'{arg}' に値がありません")
        }
        ErrorKind::InvalidValue => {
            let valid = list(ContextKind::ValidValue);
            let mut m = format!("'{value}' は '{arg}' に使えない値です");
            if !valid.is_empty() {
                m.push_str(&format!("（有効な値: {}）", valid.join(", ")));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err)
                .map(|e| parser_message(&e.to_string()))
                .unwrap_or_default();
            if why.is_empty() {
                format!("'{value}' は '{arg}' に使えない値です")
            } else {
                format!("'{value}' は '{arg}' に使えない値です: {why}")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = list(ContextKind::InvalidArg);
            format!("必要な引数がありません: {}", missing.join(" "))
        }
        ErrorKind::MissingSubcommand => {
            let valid = list(ContextKind::ValidSubcommand);
            format!("コマンドを指定してください（{}）", valid.join(", "))
        }
        ErrorKind::ArgumentConflict => match err.get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior)) if *prior == arg => {
                format!("'{arg}' は1回しか指定できません")
            }
            Some(ContextValue::String(prior)) => {
                format!("'{arg}' と '{prior}' は同時に指定できません")
            }
            Some(ContextValue::Strings(prior)) => {
                format!("'{arg}' と {} は同時に指定できません", quoted(prior))
            }
            _ => format!("'{arg}' はほかの引数と同時に指定できません"),
        },
        ErrorKind::NoEquals => format!("'{arg}' の値は '=' で付けてください（{arg}=値）"),
        ErrorKind::TooManyValues => {
            format!("'{arg}' に余分な値 '{value}' があります")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let want = num(ContextKind::MinValues).or(num(ContextKind::ExpectedNumValues));
            let got = num(ContextKind::ActualNumValues);
            match (want, got) {
                (Some(w), Some(g)) => {
                    format!("'{arg}' には値が{w}個必要です（指定は{g}個）")
                }
                _ => format!("'{arg}' の値の数が違います"),
            }
        }
        ErrorKind::InvalidUtf8 => "引数が UTF-8 の文字列ではありません".to_owned(),
        ErrorKind::Io | ErrorKind::Format => "ヘルプ・エラーを出力できませんでした".to_owned(),
        _ => "引数の誤りです".to_owned(),
    };
    lines.push(format!("error: {head}"));
    let mut tips = Vec::new();
    for (k, _) in [
        (ContextKind::SuggestedSubcommand, ()),
        (ContextKind::SuggestedArg, ()),
        (ContextKind::SuggestedValue, ()),
    ] {
        let v = list(k);
        if !v.is_empty() {
            tips.push(format!("もしかして {} ですか？", quoted(&v)));
        }
    }
    if let Some(ContextValue::StyledStrs(suggested)) = err.get(ContextKind::Suggested) {
        tips.extend(suggested.iter().filter_map(suggestion));
    }
    if !tips.is_empty() {
        lines.push(String::new());
        lines.extend(tips.iter().map(|t| format!("  ヒント: {t}")));
    }
    let usage = s(ContextKind::Usage);
    if let Some(u) = &usage {
        let u = u.trim_end();
        let u = u.strip_prefix("Usage: ").unwrap_or(u);
        lines.push(String::new());
        lines.push(format!("使い方: {}", words(u)));
    }
    lines.push(String::new());
    lines.push(format!("詳しくは '{command} --help' を見てください。"));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|x| format!("'{x}'"))
        .collect::<Vec<_>>()
        .join("、")
}

/// clap's own suggestion sentences, in Japanese; ones we do not know are left out.
fn suggestion(s: &StyledStr) -> Option<String> {
    let s = s.to_string();
    // "to pass '-x' as a value, use '-- -x'"
    if let Some(rest) = s.strip_prefix("to pass '")
        && let Some((value, rest)) = rest.split_once("' as a value, use '")
    {
        let usage = rest.strip_suffix('\'').unwrap_or(rest);
        return Some(format!("'{value}' を値として渡すには '{usage}' と書く"));
    }
    // "subcommand 'x' exists; to use it, remove the '--' before it"
    if let Some(rest) = s.strip_prefix("subcommand '")
        && let Some((sub, _)) = rest.split_once("' exists")
    {
        return Some(format!("コマンド '{sub}' を使うには、その前の '--' を取る"));
    }
    // "'itsm lint --fix' exists"
    if let Some(rest) = s.strip_prefix('\'')
        && let Some(cmd) = rest.strip_suffix("' exists")
    {
        return Some(format!("'{cmd}' があります"));
    }
    None
}

/// Messages of clap's built-in value parsers (integers and ranges) in Japanese; anything else
/// (our own parsers) as it is.
fn parser_message(m: &str) -> String {
    // "101 is not in 0..=100"
    if let Some((_, range)) = m.split_once(" is not in ") {
        if let Some((lo, hi)) = range.split_once("..=") {
            return format!("{lo}〜{hi} の範囲で指定してください");
        }
        if let Some((lo, hi)) = range.split_once("..") {
            return format!("{lo} 以上 {hi} 未満で指定してください");
        }
    }
    match m {
        "invalid digit found in string" => "整数で指定してください".to_owned(),
        "cannot parse integer from empty string" => "値が空です".to_owned(),
        "number too large to fit in target type" => "大きすぎます".to_owned(),
        "number too small to fit in target type" => "小さすぎます".to_owned(),
        "value was not a boolean" => "true または false で指定してください".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_subcommand_becomes_the_help_flag() {
        let a = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            help_subcommand(a(&["itsm", "help", "lint"])),
            a(&["itsm", "lint", "--help"])
        );
        assert_eq!(
            help_subcommand(a(&["itsm", "help"])),
            a(&["itsm", "--help"])
        );
        assert_eq!(
            help_subcommand(a(&["itsm", "lint", "help"])),
            a(&["itsm", "lint", "help"])
        );
    }

    #[test]
    fn parser_messages_are_translated() {
        assert_eq!(
            parser_message("101 is not in 0..=100"),
            "0〜100 の範囲で指定してください"
        );
        assert_eq!(
            parser_message("invalid digit found in string"),
            "整数で指定してください"
        );
        assert_eq!(parser_message("独自の説明"), "独自の説明");
    }
}
