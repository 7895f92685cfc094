//! The browser test of `docs/serve-browser-test.md`: the real server (in-process, on a temp study
//! repository) driven through headless Chromium with raw W3C WebDriver calls to chromedriver.
//!
//! It needs Debian's `chromium` and `chromium-driver`, so a plain `cargo test` does not run it
//! (`#[ignore]`, with the reason); `.ci/run` installs the packages when they are missing and runs
//! it with `--ignored`. Set `ITSM_SCREENSHOTS=docs/images` to keep the screenshots there (the
//! README shows them); otherwise they go to a temp folder.

use crate::http::request;
use crate::serve::Repo;
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const BAD: &str = "私はＡ社のｼｽﾃﾑを担当していると思われる。";
const BACKSPACE: &str = "\u{e003}";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn program(name: &str, candidates: &[&str]) -> PathBuf {
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} is not installed ({candidates:?}); install Debian's chromium and \
                 chromium-driver (`.ci/run` does) or leave this test out (it is #[ignore]d)"
            )
        })
}

/// A chromedriver process with one headless Chromium session; everything is cleaned up on drop.
struct Driver {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let chromedriver = program(
            "chromedriver",
            &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
        );
        let chromium = program(
            "chromium",
            &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        );
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut d = Driver {
            driver,
            addr,
            session: String::new(),
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {"binary": chromium, "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", d._profile.path().display()),
                "--window-size=1280,800", "--lang=ja-JP", "--force-device-scale-factor=1",
            ]}
        }}});
        let v = d
            .call("POST", "/session", Some(caps))
            .expect("a new session");
        d.session = v["sessionId"].as_str().expect("sessionId").to_owned();
        // --window-size is the outer window: make the viewport exactly 1280×800.
        let inner = d.js("return [innerWidth, innerHeight]", &[]);
        let (w, h) = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap());
        d.s(
            "POST",
            "/window/rect",
            json!({"width": 1280 + (1280 - w), "height": 800 + (800 - h)}),
        );
        d
    }

    /// A WebDriver command: its `value`, or the error it answered.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let bytes = body.map(|b| b.to_string().into_bytes());
        let r = request(
            self.addr,
            method,
            path,
            &[("Content-Type", "application/json")],
            bytes
                .as_deref()
                .or(if method == "POST" { Some(b"{}") } else { None }),
        );
        let v: Value = serde_json::from_slice(&r.body).map_err(|e| e.to_string())?;
        if r.status == 200 {
            Ok(v["value"].clone())
        } else {
            Err(format!("{} {path}: {}", r.status, v["value"]))
        }
    }

    /// A command on the session (panics on an error).
    fn s(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if method == "GET" || method == "DELETE" {
            None
        } else {
            Some(body)
        };
        self.call(method, &format!("/session/{}{path}", self.session), body)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn js(&self, script: &str, args: &[Value]) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(json!({"script": script, "args": args})),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn go(&self, url: &str) {
        self.s("POST", "/url", json!({"url": url}));
    }

    fn all(&self, css: &str) -> Vec<String> {
        self.s(
            "POST",
            "/elements",
            json!({"using": "css selector", "value": css}),
        )
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[ELEMENT].as_str().unwrap().to_owned())
        .collect()
    }

    fn find(&self, css: &str) -> String {
        self.s(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        )[ELEMENT]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn tid(&self, id: &str) -> String {
        self.find(&format!("[data-testid=\"{id}\"]"))
    }

    fn click(&self, el: &str) {
        self.s("POST", &format!("/element/{el}/click"), json!({}));
    }

    fn type_text(&self, el: &str, text: &str) {
        self.s(
            "POST",
            &format!("/element/{el}/value"),
            json!({"text": text}),
        );
    }

    fn clear(&self, el: &str) {
        self.s("POST", &format!("/element/{el}/clear"), json!({}));
    }

    fn text(&self, el: &str) -> String {
        self.s("GET", &format!("/element/{el}/text"), Value::Null)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn prop(&self, el: &str, name: &str) -> Value {
        self.s(
            "GET",
            &format!("/element/{el}/property/{name}"),
            Value::Null,
        )
    }

    fn value(&self, el: &str) -> String {
        self.prop(el, "value").as_str().unwrap_or("").to_owned()
    }

    fn attr(&self, el: &str, name: &str) -> String {
        self.s(
            "GET",
            &format!("/element/{el}/attribute/{name}"),
            Value::Null,
        )
        .as_str()
        .unwrap_or("")
        .to_owned()
    }

    fn displayed(&self, el: &str) -> bool {
        self.s("GET", &format!("/element/{el}/displayed"), Value::Null) == json!(true)
    }

    fn key(&self, key: &str) {
        self.s(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "kb", "actions": [
                {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]}),
        );
        self.s("DELETE", "/actions", Value::Null);
    }

    fn cdp(&self, cmd: &str, params: Value) {
        self.s(
            "POST",
            "/goog/cdp/execute",
            json!({"cmd": cmd, "params": params}),
        );
    }

    fn body(&self, key: &str) -> String {
        self.js(&format!("return document.body.dataset.{key} ?? ''"), &[])
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    fn checks(&self) -> u64 {
        self.body("checks").parse().unwrap_or(0)
    }

    /// Poll `f` every 50 ms until it holds (10 s by default).
    fn wait(&self, what: &str, timeout: Duration, f: impl Fn() -> bool) {
        let end = Instant::now() + timeout;
        while !f() {
            assert!(Instant::now() < end, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until a check after the `after`-th has been applied.
    fn wait_check(&self, after: u64) {
        self.wait("a finished check", Duration::from_secs(10), || {
            self.checks() > after && self.body("check") == "done"
        });
    }

    /// A screenshot once the transient toast has gone (it would cover the findings).
    fn screenshot(&self, path: &Path) {
        let toast = self.tid("toast");
        self.wait("the toast to go", Duration::from_secs(10), || {
            !self.displayed(&toast)
        });
        let png = self.s("GET", "/screenshot", Value::Null);
        std::fs::write(path, base64_decode(png.as_str().unwrap())).unwrap();
    }

    fn logs(&self) -> Vec<Value> {
        self.s("POST", "/se/log", json!({"type": "browser"}))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64 (the screenshot's PNG); no dependency for one use.
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn step(what: &str) {
    eprintln!("browser: {what}");
}

fn el(id: &str) -> Value {
    json!({ELEMENT: id})
}

#[test]
#[ignore = "needs chromium and chromium-driver; .ci/run installs them and runs this with --ignored"]
fn the_practice_page_in_headless_chromium() {
    let repo = Repo::new();
    let server = repo.serve();
    let url = format!("http://{}/", server.addr());
    let shots = std::env::var_os("ITSM_SCREENSHOTS").map(PathBuf::from);
    let tmp_shots = tempfile::tempdir().unwrap();
    let shots = shots.unwrap_or_else(|| tmp_shots.path().to_path_buf());
    std::fs::create_dir_all(&shots).unwrap();
    let d = Driver::start();
    let ten = Duration::from_secs(10);

    // 1. Load.
    step("1. Load.");
    d.go(&url);
    d.wait("data-ready", ten, || d.body("ready") == "true");
    d.wait_check(0);
    assert_eq!(d.text(&d.tid("count-a-cbt")), "0");
    assert!(!d.all("[data-testid=\"question-part\"]").is_empty());

    // 2. Type into ア: the counter, a finding with its highlight, the score.
    step("2. Type into ア: the counter, a finding with its highlight, the score.");
    let n = d.checks();
    let ta = d.tid("answer-a");
    d.click(&ta);
    d.type_text(&ta, BAD);
    d.wait_check(n);
    assert_eq!(
        d.text(&d.tid("count-a-cbt")),
        BAD.chars().count().to_string()
    );
    assert!(
        !d.all("[data-testid=\"finding\"][data-code=\"S013\"][data-part=\"a\"]")
            .is_empty()
    );
    let marks = d.js(
        "return [...document.querySelectorAll('[data-testid=highlight-a] mark')].map(m => [m.dataset.code, m.textContent])",
        &[],
    );
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m[0].as_str().unwrap().contains("S013") && m[1] == "Ａ"),
        "{marks}"
    );
    d.click(&d.tid("tab-score"));
    let total = d.text(&d.tid("score-total"));
    assert!(
        !total.is_empty() && total.chars().all(|c| c.is_ascii_digit()),
        "{total:?}"
    );
    d.click(&d.tid("tab-findings"));

    // 3. IME: nothing while composing, one check after the commit.
    step("3. IME: nothing while composing, one check after the commit.");
    let n = d.checks();
    let mirror = || {
        d.js(
            "return document.querySelector('[data-testid=highlight-a]').innerHTML",
            &[],
        )
    };
    let before = mirror();
    d.cdp(
        "Input.imeSetComposition",
        json!({"text": "へんこう", "selectionStart": 4, "selectionEnd": 4}),
    );
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!((d.checks(), d.body("check")), (n, "done".to_owned()));
    assert_eq!(mirror(), before);
    d.cdp("Input.insertText", json!({"text": "変更"}));
    d.wait_check(n);
    assert_eq!(d.value(&ta), format!("{BAD}変更"));
    let n = d.checks();
    d.key(BACKSPACE);
    d.key(BACKSPACE);
    d.wait_check(n);
    assert_eq!(d.value(&ta), BAD);

    // 4. Fix S013 from the list.
    step("4. Fix S013 from the list.");
    let n = d.checks();
    d.click(&d.find("[data-testid=\"finding\"][data-code=\"S013\"] [data-testid=\"finding-fix\"]"));
    assert!(d.value(&ta).starts_with("私はA社"), "{}", d.value(&ta));
    d.wait_check(n);
    assert!(
        d.all("[data-testid=\"finding\"][data-code=\"S013\"]")
            .is_empty()
    );

    // 5. Limits: イ is empty and needs 800.
    step("5. Limits: イ is empty and needs 800.");
    assert_eq!(d.attr(&d.tid("count-i"), "data-state"), "short");

    // 6. Timer: runs, pauses, warns, survives a reload.
    step("6. Timer: runs, pauses, warns, survives a reload.");
    assert_eq!(d.attr(&d.tid("timer"), "data-state"), "idle");
    d.click(&d.tid("timer-toggle"));
    std::thread::sleep(Duration::from_millis(2100));
    let shown = d.text(&d.tid("timer-display"));
    assert_eq!(d.attr(&d.tid("timer"), "data-state"), "running");
    assert!(shown == "1:59:58" || shown == "1:59:57", "{shown}");
    d.click(&d.tid("timer-toggle"));
    assert_eq!(d.attr(&d.tid("timer"), "data-state"), "paused");
    let key = format!("itsm-serve:{}:timer", "study");
    let kept = d.js("return localStorage.getItem(arguments[0])", &[json!(key)]);
    d.js(
        "localStorage.setItem(arguments[0], arguments[1])",
        &[
            json!(key),
            json!(
                r#"{"v":1,"state":{"minutes":120,"elapsed":6598500,"since":null,"warned":[30]}}"#
            ),
        ],
    );
    d.go(&url);
    d.wait("data-ready", ten, || d.body("ready") == "true");
    d.click(&d.tid("timer-toggle"));
    let warn = Duration::from_millis(2500);
    d.wait("data-warn=10", warn, || {
        d.attr(&d.tid("timer"), "data-warn") == "10"
    });
    d.wait("the toast", warn, || {
        d.text(&d.tid("toast")) == "残り10分です"
    });
    d.click(&d.tid("timer-reset"));
    d.js(
        "localStorage.setItem(arguments[0], arguments[1])",
        &[json!(key), kept],
    );
    d.go(&url);
    d.wait("data-ready", ten, || d.body("ready") == "true");
    d.wait("a check", ten, || d.body("check") == "done");
    let shown = d.text(&d.tid("timer-display"));
    assert!(shown == "1:59:58" || shown == "1:59:57", "{shown}");
    d.wait("the restore offer", ten, || {
        d.displayed(&d.tid("restore-banner"))
    });
    d.click(&d.tid("restore-accept"));
    let ta = d.tid("answer-a");
    d.wait("the restored text", ten, || {
        d.value(&ta).starts_with("私はA社")
    });

    // 7. Screenshot with findings of several severities.
    step("7. Screenshot with findings of several severities.");
    d.click(&ta);
    d.js(
        "arguments[0].setSelectionRange(arguments[0].value.length, arguments[0].value.length)",
        &[el(&ta)],
    );
    let n = d.checks();
    d.type_text(
        &ta,
        "\n重要なことはがんばることです。**注意**\nCABで承認した。",
    );
    d.wait_check(n);
    d.click(&ta);
    std::thread::sleep(Duration::from_millis(400));
    d.screenshot(&shots.join("serve-findings.png"));

    // 8. Save as essays/wd-test.md.
    step("8. Save as essays/wd-test.md.");
    d.click(&d.tid("save"));
    let path_in = d.tid("save-path");
    d.wait("the save dialog", ten, || d.displayed(&path_in));
    d.clear(&path_in);
    d.type_text(&path_in, "essays/wd-test.md");
    d.click(&d.tid("save-confirm"));
    d.wait("saved", ten, || {
        d.attr(&d.tid("save-state"), "data-state") == "saved"
    });
    assert_eq!(d.text(&d.tid("doc-path")), "essays/wd-test.md");
    let saved = repo.read("essays/wd-test.md");
    assert!(saved.contains("## 設問ア\n\n私はA社"), "{saved}");
    assert!(
        saved.contains("## 設問イ") && saved.contains("## 設問ウ"),
        "{saved}"
    );

    // 9. Reload and open it.
    step("9. Reload and open it.");
    d.go(&url);
    d.wait("data-ready", ten, || d.body("ready") == "true");
    assert!(
        !d.displayed(&d.tid("restore-banner")),
        "nothing unsaved to restore"
    );
    d.click(&d.tid("open"));
    let item = "[data-testid=\"open-item\"][data-path=\"essays/wd-test.md\"]";
    d.wait("the open list", ten, || !d.all(item).is_empty());
    d.click(&d.find(item));
    let ta = d.tid("answer-a");
    d.wait("the opened text", ten, || {
        d.value(&ta).starts_with("私はA社")
    });
    assert!(d.value(&ta).contains("CABで承認した。"));

    // 10. Conflict: changed on disk; overwrite wins.
    step("10. Conflict: changed on disk; overwrite wins.");
    let file = repo.root.join("essays/wd-test.md");
    std::fs::write(
        &file,
        format!("{}\n外で追記した。\n", repo.read("essays/wd-test.md")),
    )
    .unwrap();
    d.click(&ta);
    d.type_text(&ta, "\n追記した。");
    d.click(&d.tid("save"));
    d.wait("the conflict dialog", ten, || {
        d.displayed(&d.tid("conflict-dialog"))
    });
    assert!(
        d.value(&d.tid("conflict-current"))
            .contains("外で追記した。")
    );
    d.click(&d.tid("conflict-overwrite"));
    d.wait("saved after overwrite", ten, || {
        d.attr(&d.tid("save-state"), "data-state") == "saved"
    });
    let saved = repo.read("essays/wd-test.md");
    assert!(
        saved.contains("追記した。") && !saved.contains("外で追記した。"),
        "{saved}"
    );

    // 11. Autosave: unsaved typing survives a reload.
    step("11. Autosave: unsaved typing survives a reload.");
    d.type_text(&ta, "\n保存前の一文。");
    std::thread::sleep(Duration::from_millis(800));
    d.go(&url);
    d.wait("data-ready", ten, || d.body("ready") == "true");
    d.wait("the restore banner", ten, || {
        d.displayed(&d.tid("restore-banner"))
    });
    d.click(&d.tid("restore-accept"));
    let ta = d.tid("answer-a");
    d.wait("the restored draft", ten, || {
        d.value(&ta).contains("保存前の一文。")
    });
    assert_eq!(d.text(&d.tid("doc-path")), "essays/wd-test.md");
    assert_eq!(d.attr(&d.tid("save-state"), "data-state"), "dirty");

    // 12. 原稿用紙: rows as the counter says; at least two pages for ア.
    step("12. 原稿用紙: rows as the counter says; at least two pages for ア.");
    d.wait("a check", ten, || d.body("check") == "done");
    let rows = d.text(&d.tid("count-a-genkou"));
    d.click(&d.tid("view-genkou"));
    let part = "[data-testid=\"genkou-part\"][data-part=\"ア\"]";
    d.wait("the 原稿用紙 view", ten, || !d.all(part).is_empty());
    let p = d.find(part);
    assert_eq!(d.attr(&p, "data-rows"), rows);
    let pages = d.js(
        "return document.querySelectorAll('[data-testid=genkou-part][data-part=ア] [data-testid=genkou-page]').length",
        &[],
    );
    assert!(pages.as_u64().unwrap() >= 2, "{pages}");
    d.click(&d.tid("view-answer"));

    // 13. No console error but the expected 409.
    step("13. No console error but the expected 409.");
    let bad: Vec<Value> = d
        .logs()
        .into_iter()
        .filter(|l| {
            l["level"] == "SEVERE"
                && !l["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("status of 409")
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?}");

    // 14. For the README: the example essay of `itsm init`, its score and its 原稿用紙.
    step("14. The example essay: score and 原稿用紙 screenshots.");
    d.click(&d.tid("open"));
    let item = "[data-testid=\"open-item\"][data-path=\"essays/example.md\"]";
    d.wait("the open list", ten, || !d.all(item).is_empty());
    d.click(&d.find(item));
    d.wait("the confirm dialog", ten, || {
        d.displayed(&d.tid("confirm-dialog"))
    });
    d.click(&d.tid("confirm-ok"));
    let ta = d.tid("answer-a");
    d.wait("the example essay", ten, || {
        d.value(&ta).contains("1.1 ITサービスの概要")
    });
    d.wait("its check", ten, || {
        d.body("check") == "done" && d.text(&d.tid("doc-path")) == "essays/example.md"
    });
    d.click(&d.tid("tab-score"));
    d.screenshot(&shots.join("serve-score.png"));
    let rows = d.text(&d.tid("count-a-genkou"));
    d.click(&d.tid("view-genkou"));
    d.wait("the essay's 原稿用紙", ten, || {
        d.all(part)
            .first()
            .is_some_and(|p| d.attr(p, "data-rows") == rows)
    });
    std::thread::sleep(Duration::from_millis(300));
    d.screenshot(&shots.join("serve-genkou.png"));
    let bad: Vec<Value> = d
        .logs()
        .into_iter()
        .filter(|l| l["level"] == "SEVERE")
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
    for name in ["serve-findings.png", "serve-score.png", "serve-genkou.png"] {
        let png = std::fs::read(shots.join(name)).unwrap();
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{name}");
    }
}
