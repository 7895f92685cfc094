//! The HTTP side shared by every endpoint (`docs/serve-api.md` §1): the error type and its
//! Japanese JSON body, JSON responses with their headers, the request guard (Host, Origin,
//! Content-Type, body size) and reading a JSON object body.
//!
//! Boundaries: no judgement and no file access here; handlers in the sibling modules turn
//! requests into calls on the core and their results into [`json`] responses.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The largest request body accepted, in bytes (1 MiB).
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// An API error: status, code, Japanese message, and what else the body carries (a conflict's
/// `current`) or the response needs (`Allow`).
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub extra: Option<(&'static str, Value)>,
    pub allow: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            extra: None,
            allow: None,
        }
    }

    pub fn bad_field(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_field", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500: the details go to the server's log, never to the page.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        eprintln!("itsm serve: 内部エラー: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "サーバーの内部エラーです（詳細はサーバーのログにあります）",
        )
    }

    /// 405 for a known path, with the methods it takes.
    pub fn method_not_allowed(allow: &'static str) -> ApiError {
        let names = allow.replace(", ", " と ");
        ApiError {
            allow: Some(allow),
            ..ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                format!("このパスには {names} だけが使えます"),
            )
        }
    }

    pub fn with(mut self, key: &'static str, value: Value) -> ApiError {
        self.extra = Some((key, value));
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = Map::new();
        body.insert(
            "error".into(),
            json!({"code": self.code, "message": self.message}),
        );
        if let Some((k, v)) = self.extra {
            body.insert(k.into(), v);
        }
        let mut res = json(self.status, &Value::Object(body));
        if let Some(allow) = self.allow {
            res.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        res
    }
}

/// A JSON response with the API's headers (`no-store`; `nosniff` is added to every response
/// by [`guard`]).
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The 500 response for a panic caught in a handler (the server keeps running).
pub(crate) fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| err.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    ApiError::internal(format!("panic: {detail}")).into_response()
}

/// Which `Host` headers the server answers (the DNS-rebinding guard).
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    pub port: u16,
    /// Bound to an address other than loopback (`--host`): any IP literal is accepted too
    /// (rebinding needs a DNS name).
    pub any_ip: bool,
}

impl Hosts {
    /// `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`; with `any_ip`, also any IP address.
    pub fn allows(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !n.is_empty() && !p.contains(']') => (n, p),
            _ => return false,
        };
        if port.parse::<u16>().ok() != Some(self.port) {
            return false;
        }
        if matches!(name, "127.0.0.1" | "localhost" | "[::1]") {
            return true;
        }
        let ip = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(name);
        self.any_ip && ip.parse::<std::net::IpAddr>().is_ok()
    }
}

/// The checks every request passes before routing (`docs/serve-api.md` §1), and the headers
/// every response carries.
pub(crate) async fn guard(State(hosts): State<Arc<Hosts>>, req: Request, next: Next) -> Response {
    match check_request(&hosts, req.method(), req.headers()) {
        Ok(()) => {
            let mut res = next.run(req).await;
            res.headers_mut().insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            res
        }
        Err(e) => {
            let mut res = e.into_response();
            res.headers_mut().insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            res
        }
    }
}

fn check_request(hosts: &Hosts, method: &Method, h: &HeaderMap) -> Result<(), ApiError> {
    let host = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !hosts.allows(host) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden_host",
            "このサーバーには 127.0.0.1 からのみ接続できます",
        ));
    }
    if method != Method::POST && method != Method::PUT {
        return Ok(());
    }
    let json_type = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if !json_type {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Content-Type は application/json にしてください",
        ));
    }
    if let Some(origin) = h.get(header::ORIGIN)
        && origin.to_str().ok() != Some(&format!("http://{host}"))
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden_origin",
            "ほかのサイトのページからの要求は受け付けません",
        ));
    }
    let declared = h
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    Ok(())
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        "リクエストが大きすぎます（上限 1 MiB）",
    )
}

/// Read a body of at most [`MAX_BODY`] bytes (reading stops at the limit) and parse it as a
/// JSON object.
pub(crate) async fn read_object(body: Body) -> Result<Map<String, Value>, ApiError> {
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| too_large())?;
    parse_object(&bytes)
}

/// A JSON object from request bytes, or `bad_json` with where and why in Japanese.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let bad = |m: String| ApiError::new(StatusCode::BAD_REQUEST, "bad_json", m);
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(bad(
            "リクエストの JSON はオブジェクト（{…}）にしてください".into()
        )),
        Err(e) => {
            use serde_json::error::Category;
            let why = match e.classify() {
                Category::Eof => "途中で終わっています",
                Category::Syntax => "JSON の書き方に誤りがあります",
                Category::Data => "値が正しくありません",
                Category::Io => "読み込めません",
            };
            Err(bad(format!(
                "リクエストの JSON を読めません（{}行{}列: {why}）",
                e.line(),
                e.column()
            )))
        }
    }
}

/// A required string field (`text`): missing or not a string is `bad_field`.
pub(crate) fn required_str(obj: &mut Map<String, Value>, key: &str) -> Result<String, ApiError> {
    match obj.remove(key) {
        Some(Value::String(s)) => Ok(s),
        _ => Err(ApiError::bad_field(format!("{key}（文字列）がありません"))),
    }
}

/// An optional string field: absent or `null` is `None`; any other type is `bad_field`.
pub(crate) fn optional_str(
    obj: &mut Map<String, Value>,
    key: &str,
) -> Result<Option<String>, ApiError> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::bad_field(format!("{key} は文字列にしてください"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_the_loopback_names_with_the_port() {
        let h = Hosts {
            port: 8765,
            any_ip: false,
        };
        for ok in ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "127.0.0.1:8766",
            "evil.example:8765",
            "127.0.0.1",
            "",
            "192.168.1.2:8765",
            "localhost.evil.example:8765",
            "[::1]",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
        let open = Hosts {
            port: 8765,
            any_ip: true,
        };
        assert!(open.allows("192.168.1.2:8765"));
        assert!(open.allows("[fe80::1]:8765"));
        assert!(!open.allows("evil.example:8765"));
    }

    #[test]
    fn json_errors_say_where() {
        let e = parse_object(b"{\"text\": ").unwrap_err();
        assert_eq!(e.code, "bad_json");
        assert!(
            e.message.starts_with("リクエストの JSON を読めません（1行"),
            "{}",
            e.message
        );
        assert_eq!(parse_object(b"[1]").unwrap_err().code, "bad_json");
        assert!(parse_object(b"{\"a\": 1}").is_ok());
    }
}
