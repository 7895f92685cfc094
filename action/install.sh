#!/usr/bin/env bash
# Installs itsm for the GitHub Action in ../action.yml. Two modes:
#
#   install.sh release   resolve the repository and the version, then install the release binary for this
#                        runner, verified against the release's SHA-256 file (and the `checksum` input when
#                        given). Writes installed=true|false, source and cache-key to $GITHUB_OUTPUT; false
#                        means no binary fits (no release for this ref, or no build for this runner), and
#                        the action runs the next mode. A checksum that does not match is an error, never a
#                        reason to fall back.
#   install.sh cargo     the fallback: `cargo install --locked --git https://github.com/OWNER/REPO
#                        --tag|--branch|--rev REF itsm`, or `--path` for the action's own folder when it is
#                        used from a checkout (`uses: ./`).
#
# Environment, set by action.yml: ACTION_REPOSITORY and ACTION_REF (github.action_repository and
# github.action_ref; empty in some composite-action runs, so they are also read from GITHUB_ACTION_PATH,
# …/_actions/OWNER/REPO/REF), INPUT_VERSION, INPUT_CHECKSUM, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_ACTION_PATH, GITHUB_PATH, GITHUB_OUTPUT. ITSM_RELEASE_BASE_URL replaces
# https://github.com/OWNER/REPO/releases/download (a mirror; the tests use a local folder).
set -euo pipefail

die() { echo "::error title=itsm のインストール::$*" >&2; exit 1; }
shown() { printf '%s' "$1" | head -c 100 | tr -c 'A-Za-z0-9._/-' '?'; } # a value in a message, inert
note() { echo "::notice title=itsm のインストール::$*"; }

: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}" "${GITHUB_PATH:?GITHUB_PATH is not set}"
action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
action_path="${action_path//\\//}" # Windows runners: D:\a\_actions\… → D:/a/_actions/…
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

# ---- which repository and which version ----
repo="${ACTION_REPOSITORY:-}"
ref="${ACTION_REF:-}"
if [ -z "$repo" ] && [[ "$action_path" == */_actions/* ]]; then
  rest="${action_path#*/_actions/}"       # OWNER/REPO/REF (a ref may contain '/')
  owner="${rest%%/*}"; rest="${rest#*/}"
  repo="$owner/${rest%%/*}"; ref="${rest#*/}"
fi
local_checkout=false
if [ -z "$repo" ]; then
  # `uses: ./` (or a path): the action's folder is a checkout of itsm. Build it, unless a version is asked
  # for, which comes from the repository named in its Cargo.toml.
  local_checkout=true
  if [ -f "$action_path/Cargo.toml" ]; then
    url="$(sed -n 's/^repository *= *"https:\/\/github.com\/\([^"]*\)"/\1/p' "$action_path/Cargo.toml" | head -n 1)"
    repo="${url%.git}"
  fi
fi
version="${INPUT_VERSION:-}"
if [ -n "$version" ]; then
  [[ "$version" == [0-9]* ]] && version="v$version"
else
  version="$ref"
fi
plain='^[A-Za-z0-9][A-Za-z0-9._/-]*$'
if [ -n "$repo" ] && { ! [[ "$repo" =~ $plain ]] || [[ "$repo" == *..* ]]; }; then
  die "リポジトリ名 '$(shown "$repo")' は使えません"
fi
if [ -n "$version" ] && { ! [[ "$version" =~ $plain ]] || [[ "$version" == *..* ]]; }; then
  die "版 '$(shown "$version")' は使えません（v0.1.0 のようなタグ、ブランチ、コミット）"
fi

# ---- which binary fits this runner ----
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac
ext=tar.gz; exe=itsm
if [ "$target" = x86_64-pc-windows-msvc ]; then ext=zip; exe=itsm.exe; fi

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

add_path() {
  local dir="$1"
  if command -v cygpath >/dev/null; then dir="$(cygpath -w "$dir")"; fi
  echo "$dir" >>"$GITHUB_PATH"
}

cache_key() { # a key for actions/cache from the source being built
  local k="${repo:-local}-${version:-checkout}"
  [ "$local_checkout" = true ] && [ -z "${INPUT_VERSION:-}" ] && k="local-checkout"
  echo "${k//[^A-Za-z0-9._-]/-}"
}

fallback() {
  note "$1 cargo でソースからビルドします（数分かかります。~/.cargo はキャッシュします）"
  { echo "installed=false"; echo "source=cargo"; echo "cache-key=$(cache_key)"; } >>"$GITHUB_OUTPUT"
  exit 0
}

release() {
  if [ "$local_checkout" = true ] && [ -z "${INPUT_VERSION:-}" ]; then
    fallback "アクションをチェックアウトから使っているため（uses: ./）、"
  fi
  [ -n "$target" ] || fallback "この環境（$os/$arch）向けのリリースのバイナリはありません。"
  [[ "$version" == v[0-9]* ]] || fallback "版 '$version' はリリースのタグではありません。"
  [ -n "$repo" ] || fallback "リポジトリが分かりません。"
  local base="${ITSM_RELEASE_BASE_URL:-https://github.com/$repo/releases/download}"
  local name="itsm-$version-$target.$ext"
  local dir="$temp/itsm-$version-$target"
  rm -rf "$dir"; mkdir -p "$dir"
  if ! curl -fsSL --retry 3 --retry-delay 2 -o "$dir/$name" "$base/$version/$name" ||
     ! curl -fsSL --retry 3 --retry-delay 2 -o "$dir/$name.sha256" "$base/$version/$name.sha256"; then
    rm -rf "$dir"
    fallback "$repo のリリース $version に $name がありません。"
  fi
  local want got
  want="$(cut -d' ' -f1 <"$dir/$name.sha256" | tr -d '\r\n' | tr 'A-F' 'a-f')"
  [[ "$want" =~ ^[0-9a-f]{64}$ ]] || { rm -rf "$dir"; die "$name.sha256 は SHA-256 の値ではありません"; }
  got="$(sha256 "$dir/$name")"
  if [ "$got" != "$want" ]; then
    rm -rf "$dir"
    die "$name の SHA-256 がリリースの $name.sha256 と一致しません（$got ≠ $want）。インストールしません"
  fi
  if [ -n "${INPUT_CHECKSUM:-}" ] && [ "$got" != "$(echo "$INPUT_CHECKSUM" | tr 'A-F' 'a-f')" ]; then
    rm -rf "$dir"
    die "$name の SHA-256 が入力 checksum と一致しません（$got ≠ $(shown "$INPUT_CHECKSUM")）。インストールしません"
  fi
  mkdir -p "$dir/bin"
  if [ "$ext" = zip ]; then
    if command -v unzip >/dev/null; then unzip -q -o "$dir/$name" -d "$dir/bin"
    else 7z x -y -bd -o"$dir/bin" "$dir/$name" >/dev/null; fi
  else
    tar -xzf "$dir/$name" -C "$dir/bin"
  fi
  [ -f "$dir/bin/$exe" ] || die "$name に $exe がありません"
  chmod +x "$dir/bin/$exe"
  add_path "$dir/bin"
  echo "itsm $version ($target) をリリースから入れました: $dir/bin/$exe（SHA-256 $got）"
  { echo "installed=true"; echo "source=release"; echo "cache-key=$(cache_key)"; } >>"$GITHUB_OUTPUT"
}

build() {
  command -v cargo >/dev/null || die "cargo がありません。Rust のツールチェーンを先に入れてください（例: dtolnay/rust-toolchain）"
  if [ "$local_checkout" = true ] && [ -z "${INPUT_VERSION:-}" ]; then
    (set -x; cargo install --locked --path "$action_path")
  else
    [ -n "$repo" ] && [ -n "$version" ] || die "どのリポジトリ・版をビルドするか分かりません（入力 version を指定してください）"
    local url="https://github.com/$repo" flag
    # A tag or a branch of that name; otherwise a commit.
    if git ls-remote --exit-code --tags "$url" "refs/tags/$version" >/dev/null 2>&1; then flag=--tag
    elif git ls-remote --exit-code --heads "$url" "refs/heads/$version" >/dev/null 2>&1; then flag=--branch
    else flag=--rev; fi
    (set -x; cargo install --locked --git "$url" "$flag" "$version" itsm)
  fi
  add_path "${CARGO_HOME:-$HOME/.cargo}/bin"
}

case "${1:-}" in
  release) release ;;
  cargo) build ;;
  *) echo "usage: install.sh release|cargo" >&2; exit 2 ;;
esac
