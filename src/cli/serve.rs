//! `itsm serve [DIR]`: the practice page for the study repository in DIR. Parses the flags,
//! refuses a non-loopback address unless `--host` names it (with a warning), prints the URL,
//! optionally opens the browser, and serves until Ctrl+C ([`crate::serve`] does the rest).

use super::lint::print_err;
use super::{Exit, Failure, SourceArgs, print_out};
use crate::serve::{Options, Server, StartError};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

/// The port used when `--port` is not given.
pub const DEFAULT_PORT: u16 = 8765;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// 論文のリポジトリのフォルダ（既定: カレントフォルダ）。保存はこのフォルダの中だけ
    pub dir: Option<PathBuf>,
    /// 待ち受けるポート（0 なら空いているポートを選んで表示する）
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// 起動したらブラウザでページを開く
    #[arg(long)]
    pub open: bool,
    /// 待ち受けるアドレス（既定 127.0.0.1。ほかのアドレスは警告を出したうえで使う）
    #[arg(long, value_name = "ADDR")]
    pub host: Option<String>,
    #[command(flatten)]
    pub source: SourceArgs,
}

/// The address for `--host` (an IP address, or `localhost`).
fn host_ip(host: Option<&str>) -> Result<IpAddr, Failure> {
    match host {
        None | Some("localhost") => Ok(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        Some(h) => h
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| {
                Failure::Usage(format!(
                    "--host には IP アドレスを指定してください（例: 127.0.0.1）: {h}"
                ))
            }),
    }
}

pub(crate) fn run(a: ServeArgs) -> Result<Exit, Failure> {
    let ip = host_ip(a.host.as_deref())?;
    if !ip.is_loopback() {
        print_err(&format!(
            "警告: {ip} で待ち受けます。このコンピュータの外からもページと API（論文の保存を含む）に接続できます。\n      自分だけで使うなら --host を付けずに起動してください（127.0.0.1 だけで待ち受けます）\n"
        ));
    }
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let server = Server::bind(Options {
        dir,
        addr: SocketAddr::new(ip, a.port),
        overrides: a.source.overrides(),
    })
    .map_err(|e| match e {
        StartError::Io(m) => Failure::Io(m),
        StartError::Resolve(r) => Failure::from(r),
    })?;
    let url = server.url();
    print_out(&format!(
        "itsm serve: {url} （{}。Ctrl+C で終了）\n",
        server.root().display()
    ))?;
    if a.open {
        open_browser(&url);
    }
    server
        .run()
        .map_err(|e| Failure::Io(format!("サーバーが止まりました: {e}")))?;
    Ok(Exit::Clean)
}

/// Open `url` in the default browser; a failure is only a note (the URL is printed anyway).
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        print_err(&format!(
            "note: ブラウザを開けませんでした（{e}）。{url} を開いてください\n"
        ));
    }
}
