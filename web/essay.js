// The essay as the page holds it (front matter, preamble, three answers) and the Markdown it becomes.
// Pure functions only: no DOM, no network. The server parses files (GET /api/essays/<path> returns the
// parts as itsm's Document::parse sees them); this module composes the text it sends back and maps the
// byte spans of itsm's JSON onto the three answer areas.

/** The three parts, in order, with the ASCII keys used in ids and storage. */
export const PARTS = [
  { key: "a", label: "ア" },
  { key: "i", label: "イ" },
  { key: "u", label: "ウ" },
];

export const keyOf = (label) => PARTS.find((p) => p.label === label)?.key ?? null;
export const labelOf = (key) => PARTS.find((p) => p.key === key)?.label ?? null;

/** A new, empty essay. */
export function emptyEssay() {
  return {
    frontMatterRaw: "",
    preamble: "",
    headings: { a: "## 設問ア", i: "## 設問イ", u: "## 設問ウ" },
    answers: { a: "", i: "", u: "" },
  };
}

const trimBlankLines = (s) => s.replace(/^(?:[ \t\u3000]*\r?\n)+/, "").replace(/(?:\r?\n[ \t\u3000]*)+$/, "").replace(/\r\n?/g, "\n");

/**
 * The page's essay from GET /api/essays/<path>. A label seen twice keeps its later heading and body
 * inside the first part's answer, so that saving loses nothing. A text without parts goes into ア.
 */
export function essayFromServer(doc) {
  const e = emptyEssay();
  e.frontMatterRaw = (doc.front_matter_raw ?? "").replace(/\r\n?/g, "\n");
  const notes = [];
  if (!doc.parts || doc.parts.length === 0) {
    e.answers.a = trimBlankLines(doc.preamble ?? doc.text ?? "");
    if (e.answers.a) notes.push("設問の見出し（## 設問ア など）がないため、本文を設問アに入れました。保存すると見出しが付きます。");
    return { essay: e, notes };
  }
  e.preamble = trimBlankLines(doc.preamble ?? "");
  const seen = new Set();
  for (const p of doc.parts) {
    const k = keyOf(p.label);
    if (!k) continue;
    const body = trimBlankLines(p.body);
    if (seen.has(k)) {
      e.answers[k] = [e.answers[k], p.heading, body].filter((s) => s !== "").join("\n\n");
      notes.push(`設問${p.label}の見出しが2回あります。2つ目は設問${p.label}の欄に本文として入れました。`);
    } else {
      seen.add(k);
      e.headings[k] = p.heading.replace(/\r$/, "");
      e.answers[k] = body;
    }
  }
  return { essay: e, notes };
}

/** Front matter lines, split; `raw` is "---\n...\n---\n" or "". */
function fmLines(raw) {
  if (!raw) return null;
  const lines = raw.replace(/\n$/, "").split("\n");
  return { open: lines[0], body: lines.slice(1, -1), close: lines[lines.length - 1] };
}

/**
 * The front matter with `kind`, `theme` and `question` set (null removes the key); other lines,
 * comments and their order are kept.
 */
export function withFrontMatter(raw, values) {
  const fm = fmLines(raw) ?? { open: "---", body: [], close: "---" };
  const done = new Set();
  const out = [];
  for (const line of fm.body) {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(line.trim());
    const key = m?.[1];
    if (key && key in values) {
      if (done.has(key)) continue;
      done.add(key);
      if (values[key] != null && values[key] !== "") out.push(`${key}: ${values[key]}`);
      continue;
    }
    out.push(line);
  }
  for (const [k, v] of Object.entries(values)) {
    if (!done.has(k) && v != null && v !== "") out.push(`${k}: ${v}`);
  }
  if (out.length === 0 && !raw) return "";
  return [fm.open, ...out, fm.close].join("\n") + "\n";
}

/**
 * The Markdown the page saves and checks, and where each answer and heading lies in it (UTF-16
 * offsets, end exclusive):
 *
 *     ---\nkind: essay\n…---\n\n[preamble\n\n]## 設問ア\n\n<ア>\n\n## 設問イ\n\n<イ>\n\n## 設問ウ\n\n<ウ>\n
 */
export function composeEssay(essay, fm) {
  let text = withFrontMatter(essay.frontMatterRaw, fm);
  if (text) text += "\n";
  if (essay.preamble) text += essay.preamble + "\n\n";
  const ranges = {};
  PARTS.forEach(({ key }, n) => {
    const h0 = text.length;
    text += essay.headings[key];
    const h1 = text.length;
    text += "\n\n";
    const b0 = text.length;
    text += essay.answers[key];
    const b1 = text.length;
    text += n < PARTS.length - 1 ? "\n\n" : "\n";
    ranges[key] = { heading: [h0, h1], body: [b0, b1] };
  });
  return { text, ranges };
}

/** Maps UTF-8 byte offsets of `text` to UTF-16 indices (offsets inside a character round down). */
export function byteMapper(text) {
  // starts[i] = byte offset of UTF-16 index i (for i at a code point boundary).
  const idx = [];
  const bytes = [];
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    idx.push(i);
    bytes.push(b);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  idx.push(text.length);
  bytes.push(b);
  return (byte) => {
    let lo = 0;
    let hi = bytes.length - 1;
    if (byte <= 0) return 0;
    if (byte >= bytes[hi]) return text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bytes[mid] <= byte) lo = mid;
      else hi = mid - 1;
    }
    return idx[lo];
  };
}

/**
 * Where a span of itsm's JSON lies on the page: `{part: key, range: [s, e]}` inside an answer,
 * `{part: key, range: null}` on a part heading, or `{part: null, range: null}` elsewhere.
 */
export function locate(span, ranges, toIndex) {
  if (!span) return { part: null, range: null };
  const s = toIndex(span.byte_start);
  const e = toIndex(span.byte_end);
  for (const { key } of PARTS) {
    const r = ranges[key];
    if (!r) continue;
    const [b0, b1] = r.body;
    if (s >= b0 && s <= b1 && !(s === b1 && e > b1)) {
      return { part: key, range: [s - b0, Math.max(s, Math.min(e, b1)) - b0] };
    }
    const [h0, h1] = r.heading;
    if (s >= h0 && s <= h1) return { part: key, range: null };
  }
  return { part: null, range: null };
}

/**
 * The ranges of an answer after an edit from `before` to `after`: ranges before the edit stay,
 * ranges after it move, ranges touching it are dropped (the next check redraws them).
 */
export function shiftRanges(items, before, after) {
  if (before === after) return items;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let q = 0;
  while (q < max - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  const editEnd = before.length - q;
  const delta = after.length - before.length;
  const out = [];
  for (const it of items) {
    const [s, e] = it.range;
    if (e <= p) out.push(it);
    else if (s >= editEnd) out.push({ ...it, range: [s + delta, e + delta] });
  }
  return out;
}

/** `to` relative to the folder of `from` (both repo paths): ("essays/a.md", "questions/q.md") → "../questions/q.md". */
export function relativePath(from, to) {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let n = 0;
  while (n < a.length && n < b.length - 1 && a[n] === b[n]) n++;
  return [...Array(a.length - n).fill(".."), ...b.slice(n)].join("/");
}

/** The repo path a front matter `question:` of the essay at `from` names, or null if it leaves the repo. */
export function resolvePath(from, rel) {
  const out = from.split("/").slice(0, -1);
  for (const seg of rel.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join("/");
}

/** Whether a repo path is acceptable to the server (docs/serve-api.md §4.1), with the reason if not. */
export function checkPath(path) {
  if (!path) return "ファイル名を入力してください";
  if (path.startsWith("/") || path.includes("\\")) return "DIR からの相対パスで、区切りは / にしてください";
  const segs = path.split("/");
  if (segs.some((s) => s === "" || s === "." || s === ".." || s.startsWith("."))) return "空の部分や . で始まる部分は使えません";
  if (!/\.(md|txt)$/.test(path)) return "拡張子は .md か .txt にしてください";
  return null;
}

/** The URL of an essay: each segment percent-encoded. */
export const essayUrl = (path) => "/api/essays/" + path.split("/").map(encodeURIComponent).join("/");

/** 1600 → "1,600". */
export const group = (n) => n.toLocaleString("en-US");

/** 「800字以上1,600字以内」「800字以内」「制限なし」, as itsm's Limit::describe. */
export function describeLimit(min, max) {
  if (min != null && max != null) return `${group(min)}字以上${group(max)}字以内`;
  if (max != null) return `${group(max)}字以内`;
  if (min != null) return `${group(min)}字以上`;
  return "制限なし";
}
