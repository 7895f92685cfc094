//! User-visible codes that are not lint rules: reports about input files (IO), the configuration
//! (CF) and the library (L). They are declared here, below everything that emits them, so the
//! library and the config can report them without knowing about rules; the registry of every
//! code (`crate::lint::registry`) lists them next to the rules for `itsm explain` and
//! `itsm list rules`.

use super::{Diagnostic, Severity};

/// A code that is not a lint rule: its identity and the explanation `itsm explain` prints.
#[derive(Debug)]
pub struct Code {
    pub code: &'static str,
    pub name: &'static str,
    /// One-line Japanese summary for `itsm list rules`.
    pub summary: &'static str,
    pub severity: Severity,
    /// What it applies to (shown where a rule shows its scope).
    pub target: &'static str,
    /// The Japanese explanation (`itsm explain CODE`).
    pub explanation: &'static str,
}

impl Code {
    /// A finding with this code.
    pub fn diagnostic(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.severity, message)
    }
}

/// IO001: a file that cannot be read.
pub static UNREADABLE_FILE: Code = Code {
    code: "IO001",
    name: "unreadable-file",
    summary: "ファイル・フォルダを読み込めない（権限・通常のファイル以外・大きすぎる・バイナリ・文字コード）",
    severity: Severity::Error,
    target: "入力ファイル",
    explanation: "\
## 何を報告するか
検査・採点するファイルを読み込めなかったこと。読み取り権限が無い、通常のファイルではない
（フォルダ・FIFO・ソケット・デバイス。待ち続けることはない）、64 MiB を超える、バイナリである、
UTF-8 の途中が壊れている（最初の不正なバイトの行と位置を示す）、BOM の無い UTF-16 らしいなど、
文字コードを確実に判定できない場合に報告します。渡したフォルダの中に読めないフォルダ（権限が無いなど）が
あるときも、そのフォルダについて報告します（黙って飛ばさない）。

## どうなるか
そのファイルはエラーとして報告し、ほかのファイルの検査を続けます。読めるファイルが1つも無いときは
終了コード 2 です。

## 直し方
UTF-8（または BOM 付きの UTF-16）で保存し直す、権限を確認する。",
};

/// IO002: a file converted from an encoding other than UTF-8.
pub static NOT_UTF8: Code = Code {
    code: "IO002",
    name: "not-utf8",
    summary: "UTF-8 以外（Shift_JIS・EUC-JP・UTF-16）から変換して読み込んだ",
    severity: Severity::Info,
    target: "入力ファイル",
    explanation: "\
## 何を報告するか
Shift_JIS・EUC-JP・UTF-16（BOM 付き）のファイルを、判定が確実なときだけ変換して読み込んだこと。

## どうなるか
検査はそのまま行います。`--fix` はこのファイルを書き換えません（元の文字コードを保てないため）。

## 直し方
UTF-8 で保存し直すと、`--fix` も使えます。",
};

/// IO003: the question file named by an essay's front matter cannot be read.
pub static QUESTION_UNREADABLE: Code = Code {
    code: "IO003",
    name: "question-unreadable",
    summary: "front matter の question: の問題文が読めない",
    severity: Severity::Error,
    target: "論文の front matter",
    explanation: "\
## 何を報告するか
論文の front matter の `question:` に書いた問題文のファイルが見つからない・読めない・設問が1つも無いこと、
またはリポジトリの外を指していること。論文の中に書かれたパスは、リポジトリ（適用される itsm.yaml の
フォルダ。設定が無ければ `.git` のあるフォルダ、それも無ければ論文のフォルダ）の中だけを読みます
（他人から受け取った論文が `/etc/passwd` などを読ませることはできない）。

## どうなるか
そのファイルのエラーとして報告し、問題文なしで検査を続けます（E013 と問題文の字数は使いません）。

## 直し方
`question:` には、論文のファイルからの相対パスで、リポジトリの中にある問題文のファイルを書く。
例: `question: ../questions/r6-1.txt`。リポジトリの外のファイルは `--question FILE` で指定する。",
};

/// The IO003 finding for a question that cannot be used (`message` says why), put first in the
/// essay's report by every command that lints a file.
pub fn question_unreadable(message: impl Into<String>) -> Diagnostic {
    QUESTION_UNREADABLE.diagnostic(message).with_help(
        "front matter の question: には、論文のファイルからの相対パスで、リポジトリ（設定ファイルのフォルダ）の中にある問題文のファイルを書く",
    )
}

/// CF001: an invalid configuration file.
pub static INVALID_CONFIG: Code = Code {
    code: "CF001",
    name: "invalid-config",
    summary: "設定ファイル（itsm.yaml）の誤り",
    severity: Severity::Error,
    target: "itsm.yaml",
    explanation: "\
## 何を報告するか
`itsm.yaml`（または `.itsm.yaml`、`--config FILE`）の未知のキー、型の誤り、範囲外の値、未知の規則、
同じフォルダに両方の名前のファイルがあることなど。ファイル名:行:列・キーの名前・有効な値
（と「もしかして」）を示します。

## どうなるか
終了コード 2 で止まります（誤った設定で検査を続けると、結果を信用できないため）。

## 直し方
示された有効な値に直す。全体は `itsm config --dump` で確認できます。",
};

/// L001: an invalid library file.
pub static INVALID_LIBRARY_FILE: Code = Code {
    code: "L001",
    name: "invalid-library-file",
    summary: "ライブラリ（事例・モジュール・採点表・用語集）のファイルの誤り",
    severity: Severity::Error,
    target: "ライブラリ（--library、設定の library）",
    explanation: "\
## 何を報告するか
`--library DIR`（または設定の `library:`）のフォルダにある `cases/*.yaml`・`modules/*.yaml`・
`rubrics/*.yaml` の YAML の誤り、必須キーの欠け、未知のテーマ・事例・モジュールへの参照、
採点表の配点の誤りなど。ファイル名:行:列を示します。

## どうなるか
終了コード 2 で止まります。

## 直し方
docs/library-format.md の形に合わせる。",
};

/// L003: a template error in the library.
pub static TEMPLATE_ERROR: Code = Code {
    code: "L003",
    name: "template-error",
    summary: "ライブラリのテンプレート（rubrics/module.j2・essay.j2）の誤り",
    severity: Severity::Error,
    target: "ライブラリ（--library、設定の library）",
    explanation: "\
## 何を報告するか
モジュール段落・論文のテンプレート（`rubrics/module.j2`、`rubrics/essay.j2`）の構文の誤りや、
未定義の変数（事例やモジュールに無いキー）。テンプレートの行と列を示します。

## どうなるか
終了コード 2 で止まります。

## 直し方
docs/library-format.md にある変数の名前に直す。",
};

/// Every non-rule code, sorted by code.
pub static CODES: &[&Code] = &[
    &INVALID_CONFIG,
    &UNREADABLE_FILE,
    &NOT_UTF8,
    &QUESTION_UNREADABLE,
    &INVALID_LIBRARY_FILE,
    &TEMPLATE_ERROR,
];
