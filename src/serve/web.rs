//! The practice page (`web/`), embedded in the binary: no build step, no external resource. The
//! set of files is fixed at build time (`docs/serve-api.md` §2); anything else is 404.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

/// The page's Content-Security-Policy: only its own scripts, styles and API.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

macro_rules! web_files {
    ($($name:literal),* $(,)?) => {
        /// (name, contents) of every file of the page.
        pub(crate) const FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../web/", $name)))),*
        ];
    };
}

web_files!(
    "index.html",
    "style.css",
    "app.js",
    "api.js",
    "essay.js",
    "editor.js",
    "feedback.js",
    "genkou.js",
    "timer.js",
    "draft.js",
    "questions.js",
    "dialogs.js",
);

/// The response for `GET /<name>` (`/` is `index.html`), if `name` is one of the page's files.
pub(crate) fn file(path: &str) -> Option<Response> {
    let name = match path.trim_start_matches('/') {
        "" => "index.html",
        n => n,
    };
    let (name, text) = FILES.iter().find(|(n, _)| *n == name)?;
    let content_type = match name.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        _ => "text/javascript; charset=utf-8",
    };
    let mut res = Response::new(Body::from(*text));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if name.ends_with(".html") {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    Some(res)
}

/// 404 for a path that is not a file of the page (plain text).
pub(crate) fn not_found() -> Response {
    let mut res = Response::new(Body::from("見つかりません"));
    *res.status_mut() = StatusCode::NOT_FOUND;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_web_is_embedded_and_the_page_loads_no_other() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "web/ and the embedded files differ");
        for (name, text) in FILES {
            for bad in ["http://", "https://", "//cdn", "@import"] {
                assert!(
                    !text.contains(bad),
                    "{name} refers to an external resource ({bad})"
                );
            }
            // Every module the scripts import is one of the embedded files.
            for line in text.lines().filter(|l| l.contains(" from \"./")) {
                let target = line
                    .split("from \"./")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                assert!(
                    FILES.iter().any(|(n, _)| *n == target),
                    "{name} imports {target}, which is not embedded"
                );
            }
        }
    }
}
