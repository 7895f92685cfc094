// The right-hand panel: the findings of `itsm lint` and the breakdown of `itsm score`, both from
// /api/check. Rendering only; where a span lies on the page is decided by the caller (`locate`).

import { el } from "./editor.js";
import { labelOf } from "./essay.js";

const SEV_NAME = { error: "エラー", warning: "警告", info: "情報" };
const PART_ORDER = { null: -1, a: 0, i: 1, u: 2 };

/** Sort findings as they appear: the document first, then ア・イ・ウ by position. */
export function sortFindings(list) {
  return [...list].sort(
    (x, y) =>
      PART_ORDER[x.part] - PART_ORDER[y.part] ||
      (x.range ? x.range[0] : -1) - (y.range ? y.range[0] : -1) ||
      x.code.localeCompare(y.code),
  );
}

/**
 * @param {HTMLElement} listEl  the <ol data-testid="findings">
 * @param {Array} findings     {id, code, name, severity, message, help, label, part, range, fixLocal}
 */
export function renderFindings(listEl, findings, { onGo, onFix }) {
  listEl.replaceChildren(
    ...sortFindings(findings).map((f) => {
      const where = f.part ? `設問${labelOf(f.part)}` : "全体";
      const go = el(
        "button",
        { type: "button", class: "finding-go", "data-testid": "finding-go", title: f.range ? "本文の該当箇所へ移動" : "" },
        el("span", { class: `sev-dot`, "aria-hidden": "true" }),
        el("span", { class: "visually-hidden", text: `${SEV_NAME[f.severity] ?? f.severity}、` }),
        el("span", { class: "where", text: where }),
        el("span", { class: "code", text: f.code }),
        el("span", { class: "msg", text: f.message }),
      );
      go.addEventListener("click", () => onGo(f));
      const li = el(
        "li",
        {
          class: `finding sev-${f.severity}`,
          "data-testid": "finding",
          "data-code": f.code,
          "data-part": f.part ?? "",
          "data-severity": f.severity,
        },
        go,
      );
      if (f.help) li.append(el("p", { class: "finding-help" }, el("span", { class: "help-label", text: "直し方" }), f.help));
      if (f.fixLocal) {
        const b = el("button", {
          type: "button",
          class: "small",
          "data-testid": "finding-fix",
          text: f.fixLocal.text ? `修正を適用：「${short(f.fixLocal.text)}」` : "修正を適用（削除）",
        });
        b.addEventListener("click", () => onFix(f.part, f));
        li.append(b);
      }
      return li;
    }),
  );
}

const short = (s) => (s.length > 16 ? s.slice(0, 15) + "…" : s);

/**
 * The score panel from score JSON's files[0].
 * @param {(span) => {part, range}} locate
 */
export function renderScore(root, file, notice, { locate, onGo }) {
  if (!file) {
    root.replaceChildren(el("p", { class: "empty", text: "採点結果はまだありません。" }));
    return;
  }
  const head = el(
    "div",
    { class: "score-head" },
    el(
      "div",
      { class: "score-total" },
      el("span", { class: "score-num", "data-testid": "score-total", text: String(file.total) }),
      el("span", { class: "score-max", text: `/${file.max}点` }),
    ),
  );
  if (file.kind === "essay" && file.rank) {
    head.append(
      el(
        "div",
        { class: `score-rank rank-${file.rank}` },
        el("span", { class: "rank-label", text: "推定ランク" }),
        el("span", { class: "rank-value", "data-testid": "score-rank", text: file.rank }),
      ),
    );
  } else if (file.kind === "module") {
    head.append(
      el(
        "div",
        { class: `score-rank ${file.pass ? "rank-A" : "rank-D"}` },
        el("span", { class: "rank-label", text: `合格点 ${file.pass_mark ?? "—"}` }),
        el("span", { class: "rank-value", "data-testid": "score-rank", text: file.pass ? "合格" : "不合格" }),
      ),
    );
  }
  const parts = [head];
  if (file.capped && file.cap_reasons?.length) {
    parts.push(
      el(
        "div",
        { class: "cap", "data-testid": "score-cap", role: "note" },
        el("strong", { text: `ランクの上限 D（合計だけなら ${file.rank_by_total ?? "—"}）` }),
        el("ul", {}, ...file.cap_reasons.map((c) => evidenceItem(c, locate, onGo))),
      ),
    );
  }
  if (file.top_fixes?.length) {
    parts.push(
      el(
        "section",
        { class: "top-fixes", "data-testid": "score-fixes" },
        el("h3", { text: "点を上げる修正" }),
        el(
          "ol",
          {},
          ...file.top_fixes.map((f) => {
            const li = el(
              "li",
              { "data-testid": "score-fix", "data-item": f.item },
              el("span", { class: "gain", text: `+${f.gain}` }),
              el("span", { class: "fix-text", text: f.fix }),
              el("span", { class: "fix-where", text: `${f.section}：${f.label}` }),
            );
            if (f.span) addJump(li, f.span, locate, onGo);
            return li;
          }),
        ),
      ),
    );
  }
  const sections = el("div", { class: "sections", "data-testid": "score-sections" });
  for (const s of file.sections) {
    const lost = s.points < s.max;
    const d = el(
      "details",
      { class: `section${lost ? " lost" : ""}`, "data-testid": "score-section", "data-id": s.id },
      el(
        "summary",
        {},
        el("span", { class: "sec-name", text: s.name }),
        bar(s.points, s.max),
        el("span", { class: "sec-points", text: `${s.points}/${s.max}` }),
      ),
    );
    if (lost) d.open = true;
    const items = el("ul", { class: "items" });
    for (const it of s.items) {
      const li = el(
        "li",
        { class: `item${it.points < it.max ? " lost" : ""}`, "data-testid": "score-item", "data-id": it.id },
        el("div", { class: "item-head" }, el("span", { class: "item-points", text: `${it.points}/${it.max}` }), el("span", { class: "item-label", text: it.label })),
      );
      if (it.missing) {
        const m = el(
          "div",
          { class: "missing" },
          el("p", { class: "missing-msg", text: it.missing.message }),
          it.missing.fix ? el("p", { class: "missing-fix" }, el("span", { class: "help-label", text: "直し方" }), it.missing.fix) : null,
          it.missing.hint ? el("p", { class: "missing-hint", text: it.missing.hint }) : null,
        );
        if (it.missing.where?.length) m.append(el("ul", { class: "evidence" }, ...it.missing.where.map((w) => evidenceItem(w, locate, onGo))));
        li.append(m);
      }
      if (it.evidence?.length) {
        const ev = el("details", { class: "evidence-box" }, el("summary", { text: `根拠 ${it.evidence.length}件` }));
        ev.append(el("ul", { class: "evidence" }, ...it.evidence.map((e) => evidenceItem(e, locate, onGo))));
        li.append(ev);
      }
      items.append(li);
    }
    d.append(items);
    sections.append(d);
  }
  parts.push(sections);
  if (notice) parts.push(el("p", { class: "notice", text: notice }));
  root.replaceChildren(...parts);
}

function bar(points, max) {
  const b = el("span", { class: "bar", "aria-hidden": "true" }, el("span", { class: "bar-fill" }));
  b.firstChild.style.width = `${max ? ((points / max) * 100).toFixed(0) : 0}%`;
  return b;
}

function evidenceItem(e, locate, onGo) {
  const li = el("li", { class: "ev" }, el("span", { class: "ev-text", text: e.text }));
  if (e.span) addJump(li, e.span, locate, onGo);
  return li;
}

function addJump(li, span, locate, onGo) {
  const loc = locate(span);
  if (!loc.part) return;
  const b = el("button", {
    type: "button",
    class: "link",
    text: `設問${labelOf(loc.part)}${loc.range ? "の該当箇所" : ""}`,
  });
  b.addEventListener("click", () => onGo({ part: loc.part, range: loc.range, id: null }));
  li.append(b);
}

/** The score tab's badge: 「98 A」. */
export function scoreBadge(file) {
  if (!file) return "—";
  return file.kind === "essay" && file.rank ? `${file.total} ${file.rank}` : String(file.total);
}

