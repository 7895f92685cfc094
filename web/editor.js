// One answer area: a plain <textarea> (typing, IME, undo stay the browser's) over a mirror <div> that
// repeats the text with <mark>s where findings are. The mirror is redrawn on input, never during an IME
// composition; ranges are shifted by the edit until the next check replaces them.

import { describeLimit, group, labelOf, shiftRanges } from "./essay.js";

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
export { el };

export class AnswerArea {
  /**
   * @param {HTMLElement} root  the `.answer[data-part]` container
   * @param {{onInput: Function, onFix: Function}} hooks
   */
  constructor(root, hooks) {
    this.key = root.dataset.part;
    this.label = labelOf(this.key);
    this.hooks = hooks;
    this.items = []; // {id, range, severity, code, message, help, fixLocal}
    this.activeId = null;
    this.composing = false;
    this.last = "";
    this.limit = { min: null, max: null };
    this.build(root);
  }

  build(root) {
    const k = this.key;
    this.title = el("h2", { id: `answer-${k}-label`, class: "answer-title", text: `設問${this.label}` });
    this.limitEl = el("span", { class: "answer-limit", "data-testid": `limit-${k}` });
    this.cbtEl = el("b", { "data-testid": `count-${k}-cbt`, text: "—" });
    this.genkouEl = el("b", { "data-testid": `count-${k}-genkou`, text: "—" });
    this.cbtLimitEl = el("span", { class: "count-limit" });
    this.genkouLimitEl = el("span", { class: "count-limit" });
    this.counter = el(
      "div",
      { class: "counter", "data-testid": `count-${k}`, "data-state": "unknown", "aria-live": "off" },
      el("span", { class: "count-cbt", title: "CBT の文字数（入力した文字、空白を含む）" }, this.cbtEl, "字", this.cbtLimitEl),
      el("span", { class: "count-genkou", title: "原稿用紙（25字×16行）の行数" }, "原稿用紙 ", this.genkouEl, "行", this.genkouLimitEl),
    );
    this.fill = el("div", { class: "meter-fill" });
    this.minMark = el("div", { class: "meter-min", hidden: true });
    const meter = el("div", { class: "meter", "aria-hidden": "true" }, this.fill, this.minMark);
    const head = el("div", { class: "answer-head" }, this.title, this.limitEl, this.counter);
    this.mirror = el("div", { class: "mirror", "aria-hidden": "true", "data-testid": `highlight-${k}` });
    this.ta = el("textarea", {
      id: `answer-${k}`,
      class: "answer-input",
      "data-testid": `answer-${k}`,
      "aria-labelledby": `answer-${k}-label`,
      "aria-describedby": `hint-${k} count-${k}-desc`,
      spellcheck: "false",
      autocomplete: "off",
      rows: "12",
      placeholder: `設問${this.label}の解答を入力します。Enter で段落を改めます（空行が入ります）。Shift+Enter は段落の中の改行です。`,
    });
    this.srCount = el("span", { id: `count-${k}-desc`, class: "visually-hidden" });
    const box = el("div", { class: "editor" }, this.mirror, this.ta);
    this.notes = el("ul", { class: "part-notes", "data-testid": `part-notes-${k}` });
    this.hint = el("div", { class: "hint", id: `hint-${k}`, "data-testid": `hint-${k}`, "aria-live": "polite" });
    root.append(head, meter, box, this.srCount, this.notes, this.hint);

    this.ta.addEventListener("compositionstart", () => {
      this.composing = true;
    });
    this.ta.addEventListener("compositionend", () => {
      this.composing = false;
      this.changed();
    });
    this.ta.addEventListener("input", (e) => {
      if (this.composing || e.isComposing) return;
      this.changed();
    });
    // Enter starts a new paragraph (a blank line, as itsm reads Markdown); Shift+Enter breaks the
    // line inside a paragraph. An Enter that confirms an IME conversion is left alone.
    this.ta.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.isComposing || e.keyCode === 229 || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      const before = this.ta.value.slice(0, this.ta.selectionStart);
      this.insert(before === "" || before.endsWith("\n") ? "\n" : "\n\n");
    });
    this.ta.addEventListener("scroll", () => {
      this.mirror.scrollTop = this.ta.scrollTop;
    });
    for (const ev of ["keyup", "click", "select", "focus"]) this.ta.addEventListener(ev, () => this.showHint());
    new ResizeObserver(() => {
      this.mirror.scrollTop = this.ta.scrollTop;
    }).observe(this.ta);
  }

  get value() {
    return this.ta.value;
  }

  /** Replace the text (loading a file or a draft): no input event, findings cleared. */
  set value(v) {
    this.ta.value = v;
    this.last = this.ta.value;
    this.items = [];
    this.renderMirror();
    this.showHint();
  }

  changed() {
    const now = this.ta.value;
    this.items = shiftRanges(this.items, this.last, now);
    this.last = now;
    this.renderMirror();
    this.hooks.onInput(this.key);
  }

  setLimit(min, max) {
    this.limit = { min, max };
    this.limitEl.textContent = describeLimit(min, max);
  }

  /** Counter from count JSON's part entry (or null when the part is absent from the text). */
  setCount(part) {
    if (!part) {
      this.cbtEl.textContent = "0";
      this.genkouEl.textContent = "0";
      this.counter.dataset.state = "unknown";
      return;
    }
    const { cbt, genkou } = part;
    const state = (n, min, max) => (min != null && n < min ? "short" : max != null && n > max ? "over" : "ok");
    const cs = cbt ? state(cbt.chars, cbt.min, cbt.max) : "ok";
    const gs = genkou ? state(genkou.rows, genkou.min_rows, genkou.max_rows) : "ok";
    this.cbtEl.textContent = cbt ? group(cbt.chars) : "—";
    this.genkouEl.textContent = genkou ? group(genkou.rows) : "—";
    this.cbtLimitEl.textContent = cbt ? limitText(cbt.min, cbt.max, "字") : "";
    this.genkouLimitEl.textContent = genkou ? limitText(genkou.min_rows, genkou.max_rows, "行") : "";
    this.counter.dataset.state = cs === "ok" && gs === "ok" ? "ok" : cs !== "ok" ? cs : gs;
    this.counter.dataset.cbt = cs;
    this.counter.dataset.genkou = gs;
    this.srCount.textContent = cbt
      ? `${group(cbt.chars)}字、${describeLimit(cbt.min, cbt.max)}${cs === "short" ? "、不足" : cs === "over" ? "、超過" : ""}`
      : "";
    const max = cbt?.max ?? (cbt?.min != null ? cbt.min * 2 : 800);
    const ratio = cbt ? Math.min(1, cbt.chars / max) : 0;
    this.fill.style.width = `${(ratio * 100).toFixed(1)}%`;
    this.fill.dataset.state = cs;
    if (cbt?.min != null && max) {
      this.minMark.hidden = false;
      this.minMark.style.left = `${Math.min(100, (cbt.min / max) * 100).toFixed(1)}%`;
    } else this.minMark.hidden = true;
  }

  /** Findings inside this answer (ranges in UTF-16 offsets of the answer). */
  setFindings(items) {
    this.items = items;
    this.renderMirror();
    this.showHint();
  }

  /** Findings on the part as a whole (heading spans: length, missing points). */
  setNotes(list) {
    this.notes.replaceChildren(
      ...list.map((f) =>
        el(
          "li",
          { class: `part-note sev-${f.severity}`, "data-testid": "part-note", "data-code": f.code },
          el("span", { class: "sev-dot", "aria-hidden": "true" }),
          el("span", { class: "note-msg", text: f.label ? `${f.message}（${f.label}）` : f.message }),
        ),
      ),
    );
  }

  renderMirror() {
    if (this.composing) return;
    const text = this.ta.value;
    const marks = this.items.filter((it) => it.range && it.range[1] > it.range[0] && it.range[0] < text.length);
    const cuts = new Set([0, text.length]);
    for (const m of marks) {
      cuts.add(Math.max(0, m.range[0]));
      cuts.add(Math.min(text.length, m.range[1]));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let n = 0; n < points.length - 1; n++) {
      const [s, e] = [points[n], points[n + 1]];
      if (s === e) continue;
      const cover = marks.filter((m) => m.range[0] <= s && m.range[1] >= e);
      const chunk = text.slice(s, e);
      if (cover.length === 0) {
        frag.append(chunk);
        continue;
      }
      const top = cover.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
      const m = el("mark", {
        class: `hl sev-${top.severity}${cover.some((c) => c.id === this.activeId) ? " active" : ""}`,
        "data-code": cover.map((c) => c.code).join(" "),
      });
      m.textContent = chunk;
      frag.append(m);
    }
    // A trailing newline needs a character after it to take up its line, as in the textarea.
    frag.append("\u200b");
    this.mirror.replaceChildren(frag);
    this.mirror.scrollTop = this.ta.scrollTop;
  }

  /** Findings under the caret, shown below the area with the fix. */
  showHint() {
    const s = this.ta.selectionStart;
    const e = this.ta.selectionEnd;
    const here = document.activeElement === this.ta
      ? this.items.filter((it) => it.range && it.range[0] <= e && it.range[1] >= s && it.range[1] > it.range[0])
      : [];
    if (here.length === 0) {
      if (this.hint.childElementCount) this.hint.replaceChildren();
      return;
    }
    this.hint.replaceChildren(
      ...here.slice(0, 2).map((f) => {
        const row = el(
          "div",
          { class: `hint-row sev-${f.severity}`, "data-testid": "hint-row", "data-code": f.code },
          el("span", { class: "code", text: f.code }),
          el("span", { class: "hint-msg", text: f.message }),
          f.help ? el("span", { class: "hint-help", text: `→ ${f.help}` }) : null,
        );
        if (f.fixLocal) {
          const b = el("button", { type: "button", class: "small", "data-testid": "hint-fix", text: "修正を適用" });
          b.addEventListener("mousedown", (ev) => ev.preventDefault()); // keep the caret in the textarea
          b.addEventListener("click", () => this.hooks.onFix(this.key, f));
          row.append(b);
        }
        return row;
      }),
    );
  }

  /** Select a range and bring it into view (from the findings list or the score evidence). */
  reveal(range, id = null) {
    this.activeId = id;
    this.renderMirror();
    this.ta.focus({ preventScroll: true });
    if (range) {
      this.ta.setSelectionRange(range[0], range[1]);
      // Scroll the textarea so that the selection sits in its upper third: measure with the mirror.
      this.ta.scrollTop = Math.max(0, this.offsetTop(range[0]) - this.ta.clientHeight / 3);
      this.mirror.scrollTop = this.ta.scrollTop;
    }
    this.ta.closest(".answer").scrollIntoView({ block: "nearest", behavior: "smooth" });
    this.showHint();
  }

  /** The vertical position of character `index` in the text, from the top of the content. */
  offsetTop(index) {
    const walker = document.createTreeWalker(this.mirror, NodeFilter.SHOW_TEXT);
    const box = this.mirror.getBoundingClientRect();
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const len = node.data.length;
      if (seen + len > index) {
        const r = document.createRange();
        r.setStart(node, index - seen);
        r.setEnd(node, index - seen + 1);
        return r.getBoundingClientRect().top - box.top + this.mirror.scrollTop;
      }
      seen += len;
    }
    return this.mirror.scrollHeight;
  }

  /** Apply a replacement through the editing pipeline so that Ctrl+Z undoes it. */
  replace(range, text) {
    this.ta.focus();
    this.ta.setSelectionRange(range[0], range[1]);
    this.insert(text);
  }

  /** Insert at the selection, keeping the browser's undo history where it can. */
  insert(text) {
    const range = [this.ta.selectionStart, this.ta.selectionEnd];
    let ok = false;
    try {
      ok = document.execCommand("insertText", false, text);
    } catch {
      ok = false;
    }
    if (!ok) {
      this.ta.setRangeText(text, range[0], range[1], "end");
      this.changed();
    }
  }
}

function limitText(min, max, unit) {
  if (min != null && max != null) return ` / ${group(min)}〜${group(max)}${unit}`;
  if (max != null) return ` / ${group(max)}${unit}まで`;
  if (min != null) return ` / ${group(min)}${unit}以上`;
  return "";
}
