//! `itsm serve`: the practice page for the computer-based exam, served on the candidate's own
//! machine for the essays in their study repository (DIR). The page (`web/`, embedded) talks to
//! the JSON API below; `docs/serve-api.md` is the contract and `docs/serve-browser-test.md` the
//! browser test.
//!
//! - `api.rs`: errors, JSON responses, the request guard (Host, Origin, Content-Type, 1 MiB);
//! - `web.rs`: the page's files;
//! - `repo.rs`: request paths → files inside DIR (symlinks resolved, never outside), the walk;
//! - `essays.rs`: list, open, save (ETag / If-Match, atomic, serialised per file);
//! - `questions.rs`: question files and pasted questions;
//! - `judge.rs`: `/api/check` and `/api/genkou` — the judgement of `itsm lint`/`score`/`count`
//!   under the same settings (the one resolver), built once for the server's lifetime;
//! - `fsio.rs`: capped reads and atomic writes.
//!
//! The stack is axum on a current-thread tokio runtime with HTTP/1 only: the event loop only
//! parses requests and writes responses, and the judgement and file work run on tokio's blocking
//! pool (at most [`BLOCKING_THREADS`] threads), so one slow request never stalls the page's
//! other requests. A panic in a handler becomes a 500 and the server keeps running.
//!
//! Boundaries: no clap type and no printing of results here (the CLI parses flags and prints the
//! URL); the core is called exactly as the CLI calls it.

mod api;
mod essays;
mod fsio;
mod judge;
mod questions;
mod repo;
mod web;

use crate::config::{Overrides, ResolveError, Resolver};
use crate::exam::{Limits, PART_LABELS};
use api::{ApiError, Hosts, json};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use judge::{CheckRequest, Judge};
use repo::Repo;
use serde_json::{Value, json as j};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Threads for the judgement and file work.
pub const BLOCKING_THREADS: usize = 4;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The study repository (DIR).
    pub dir: PathBuf,
    /// The address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// `--config` / `--library`, as for `itsm lint`.
    pub overrides: Overrides,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// DIR or the address cannot be used (message in Japanese).
    #[error("{0}")]
    Io(String),
    /// DIR's config or library is invalid.
    #[error("{0}")]
    Resolve(ResolveError),
}

/// Everything the handlers share.
struct App {
    repo: Repo,
    judge: Judge,
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    app: Arc<App>,
}

impl Server {
    /// Check DIR, load its config, library and scorer (once, for every request), and bind.
    pub fn bind(opts: Options) -> Result<Server, StartError> {
        let repo = Repo::open(&opts.dir).map_err(StartError::Io)?;
        let resolver = Resolver::new(opts.overrides).map_err(StartError::Resolve)?;
        let judge = Judge::new(resolver, repo.root()).map_err(StartError::Resolve)?;
        let listener = std::net::TcpListener::bind(opts.addr).map_err(|e| {
            StartError::Io(format!(
                "{} で待ち受けられません（{e}）。--port で別のポートを指定してください（0 なら空いているポートを使います）",
                opts.addr
            ))
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| StartError::Io(e.to_string()))?;
        Ok(Server {
            listener,
            addr,
            app: Arc::new(App { repo, judge }),
        })
    }

    /// The address bound (the port chosen when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's URL (`localhost` addresses written as the browser should use them).
    pub fn url(&self) -> String {
        let ip = self.addr.ip();
        let host = if ip.is_unspecified() {
            "127.0.0.1".to_owned()
        } else if ip.is_ipv6() {
            format!("[{ip}]")
        } else {
            ip.to_string()
        };
        format!("http://{host}:{}/", self.addr.port())
    }

    /// DIR, resolved.
    pub fn root(&self) -> &Path {
        self.app.repo.root()
    }

    fn router(&self) -> Router {
        let hosts = Hosts {
            port: self.addr.port(),
            any_ip: !self.addr.ip().is_loopback(),
        };
        let only = |allow: &'static str| move || async move { ApiError::method_not_allowed(allow) };
        let router = Router::new()
            .route("/api/info", get(info).fallback(only("GET")))
            .route("/api/questions", get(list_questions).fallback(only("GET")))
            .route(
                "/api/questions/parse",
                post(parse_question).fallback(only("POST")),
            )
            .route("/api/essays", get(list_essays).fallback(only("GET")))
            .route(
                "/api/essays/{*path}",
                get(open_essay).put(save_essay).fallback(only("GET, PUT")),
            )
            .route("/api/check", post(check).fallback(only("POST")))
            .route("/api/genkou", post(genkou).fallback(only("POST")))
            .fallback(fallback)
            .with_state(self.app.clone());
        layered(router, hosts)
    }

    fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .max_blocking_threads(BLOCKING_THREADS)
            .thread_name("itsm-serve")
            .build()
    }

    /// Serve until Ctrl+C (then finish the requests under way).
    pub fn run(self) -> std::io::Result<()> {
        let router = self.router();
        Self::runtime()?.block_on(async move {
            self.listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })
    }

    /// Serve on a thread of its own until the returned handle is stopped or dropped (tests and
    /// embedding).
    pub fn spawn(self) -> std::io::Result<Running> {
        let router = self.router();
        let addr = self.addr;
        let rt = Self::runtime()?;
        self.listener.set_nonblocking(true)?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let listener = self.listener;
        let thread = std::thread::Builder::new()
            .name("itsm-serve".into())
            .spawn(move || {
                rt.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)?;
                    axum::serve(listener, router)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await
                })
            })?;
        Ok(Running {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// A server running on its own thread; stopped when dropped.
pub struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stop accepting, finish the requests under way, and wait for the thread.
    pub fn stop(mut self) -> std::io::Result<()> {
        self.shut_down()
    }

    fn shut_down(&mut self) -> std::io::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(std::io::Error::other("the server thread panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shut_down();
    }
}

/// The layers around every route: a panic becomes a 500 (the server keeps running), and the
/// guard checks every request first.
fn layered(router: Router, hosts: Hosts) -> Router {
    router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            api::panic_response,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(hosts),
            api::guard,
        ))
}

type St = State<Arc<App>>;

/// Run `f` on the blocking pool; a panic in it is a 500.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(ApiError::internal(e)))
}

fn ok(v: &Value) -> Response {
    json(StatusCode::OK, v)
}

async fn info(State(app): St) -> Result<Response, ApiError> {
    blocking(move || {
        let root = app.repo.root();
        let lib = app.judge.library(root).map_err(judge::resolve_error)?;
        let file = app
            .judge
            .resolver()
            .file(&root.join("<input>"))
            .map_err(judge::resolve_error)?;
        let exam = Limits::exam();
        let limits: serde_json::Map<String, Value> = PART_LABELS
            .iter()
            .map(|&l| {
                let x = exam.get(l);
                (l.to_string(), j!({"min": x.min, "max": x.max}))
            })
            .collect();
        Ok(ok(&j!({
            "version": 1,
            "tool": {"name": "itsm", "version": env!("CARGO_PKG_VERSION")},
            "root": app.repo.name(),
            "themes": lib.themes.iter().map(|t| j!({"id": t.id, "name": t.name})).collect::<Vec<_>>(),
            "limits": limits,
            "counting": file.counting.as_str(),
        })))
    })
    .await
}

async fn list_questions(State(app): St) -> Result<Response, ApiError> {
    blocking(move || Ok(ok(&questions::list(&app.repo, &app.judge)?))).await
}

async fn parse_question(body: Body) -> Result<Response, ApiError> {
    let mut obj = api::read_object(body).await?;
    let text = api::required_str(&mut obj, "text")?;
    judge::parse_question(&text)?;
    Ok(ok(&questions::object(&text, None, "pasted", None, None)))
}

async fn list_essays(State(app): St) -> Result<Response, ApiError> {
    blocking(move || Ok(ok(&essays::list(&app.repo, &app.judge)?))).await
}

/// The repo path of `/api/essays/<path>`, percent-decoded segment by segment (UTF-8 only).
fn essay_path(app: &App, uri: &Uri) -> Result<repo::RepoPath, ApiError> {
    let raw = uri.path().strip_prefix("/api/essays/").unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| app.repo.path("").unwrap_err())?;
    app.repo.path(&decoded)
}

async fn open_essay(State(app): St, uri: Uri) -> Result<Response, ApiError> {
    blocking(move || {
        let p = essay_path(&app, &uri)?;
        let (v, tag) = essays::open(&app.repo, &app.judge, &p)?;
        let mut res = ok(&v);
        set_etag(&mut res, &tag);
        Ok(res)
    })
    .await
}

fn set_etag(res: &mut Response, tag: &str) {
    if let Ok(v) = HeaderValue::from_str(tag) {
        res.headers_mut().insert(header::ETAG, v);
    }
}

/// `If-Match` or `If-None-Match: *` (exactly one).
fn precondition(h: &HeaderMap) -> Result<essays::Precondition, ApiError> {
    let get = |name| {
        h.get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::trim)
    };
    match (get(header::IF_MATCH), get(header::IF_NONE_MATCH)) {
        (Some(_), Some(_)) => Err(ApiError::bad_field(
            "If-Match と If-None-Match は同時に指定できません",
        )),
        (Some(tag), None) => Ok(essays::Precondition::Matches(tag.to_owned())),
        (None, Some("*")) => Ok(essays::Precondition::Absent),
        _ => Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            "保存には If-Match（開いたときの ETag）が必要です（新しいファイルは If-None-Match: *）",
        )),
    }
}

async fn save_essay(State(app): St, req: Request) -> Result<Response, ApiError> {
    let (parts, body) = req.into_parts();
    let p = essay_path(&app, &parts.uri)?;
    let mut obj = api::read_object(body).await?;
    let text = api::required_str(&mut obj, "text")?;
    let pre = precondition(&parts.headers)?;
    blocking(move || {
        let (status, v, tag) = essays::save(&app.repo, &p, &text, &pre)?;
        let mut res = json(status, &v);
        set_etag(&mut res, &tag);
        Ok(res)
    })
    .await
}

/// The fields of `/api/check` and `/api/genkou` (§6).
fn check_request(
    app: &App,
    obj: &mut serde_json::Map<String, Value>,
) -> Result<CheckRequest, ApiError> {
    let text = api::required_str(obj, "text")?;
    let kind = match api::optional_str(obj, "kind")?.as_deref() {
        None => None,
        Some("essay") => Some(crate::document::Kind::Essay),
        Some("module") => Some(crate::document::Kind::Module),
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_kind",
                "kind は essay か module です",
            ));
        }
    };
    let theme = api::optional_str(obj, "theme")?;
    let question = api::optional_str(obj, "question")?;
    let path = match api::optional_str(obj, "path")? {
        Some(p) => {
            let p = app.repo.path(&p)?;
            app.repo.resolve(&p)?;
            Some(p)
        }
        None => None,
    };
    Ok(CheckRequest {
        text,
        kind,
        theme,
        question,
        path,
    })
}

async fn check(State(app): St, body: Body) -> Result<Response, ApiError> {
    let start = Instant::now();
    let mut obj = api::read_object(body).await?;
    let v = blocking(move || {
        let req = check_request(&app, &mut obj)?;
        app.judge.check(&app.repo, &req)
    })
    .await?;
    let mut res = ok(&v);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if let Ok(h) = HeaderValue::from_str(&format!("itsm;dur={ms:.1}")) {
        res.headers_mut().insert("server-timing", h);
    }
    Ok(res)
}

async fn genkou(State(app): St, body: Body) -> Result<Response, ApiError> {
    let mut obj = api::read_object(body).await?;
    blocking(move || {
        let req = check_request(&app, &mut obj)?;
        Ok(ok(&app.judge.genkou(&app.repo, &req)?))
    })
    .await
}

/// Unknown `/api/…` paths are a JSON 404; anything else is one of the page's files.
async fn fallback(method: Method, uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path == "/api" {
        return ApiError::not_found("その API はありません").into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        let mut res = ApiError::method_not_allowed("GET").into_response();
        *res.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        return res;
    }
    web::file(path).unwrap_or_else(web::not_found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn fetch(addr: SocketAddr, path: &str) -> String {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn a_panic_in_a_handler_is_a_500_and_the_server_goes_on() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let router = Router::new()
            .route(
                "/panic",
                get(|| async { panic!("a bug in a handler") as &'static str }),
            )
            .route(
                "/panic-blocking",
                get(|| async {
                    blocking(|| -> Result<Response, ApiError> { panic!("a bug in the judgement") })
                        .await
                }),
            )
            .route("/ok", get(|| async { "ok" }));
        let router = layered(
            router,
            Hosts {
                port: addr.port(),
                any_ip: false,
            },
        );
        let rt = Server::runtime().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let t = std::thread::spawn(move || {
            rt.block_on(async move {
                let l = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(l, router)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            })
        });
        for path in ["/panic", "/panic-blocking"] {
            let r = fetch(addr, path);
            assert!(r.starts_with("HTTP/1.1 500"), "{path}: {r}");
            assert!(r.contains("\"code\":\"internal\""), "{r}");
            assert!(r.contains("x-content-type-options: nosniff"), "{r}");
        }
        assert!(fetch(addr, "/ok").starts_with("HTTP/1.1 200"));
        stop.send(()).unwrap();
        t.join().unwrap();
    }
}
