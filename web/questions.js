// The question panel: which question the essay answers (a repository file, a theme's default
// question, or a pasted text), shown as the exam shows it: 設問ア・イ・ウ with their limits and the
// points each one asks for.

import { el } from "./editor.js";
import { describeLimit } from "./essay.js";

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
export const PASTED = "pasted";

/** Fill the question <select>: repository files, theme defaults, the pasted text, or none. */
export function fillSelect(select, questions, pasted, themes) {
  const themeName = (id) => themes.find((t) => t.id === id)?.name ?? id;
  const none = el("option", { value: "", text: "問題文なし（試験の既定の字数制限）" });
  const repo = questions.filter((q) => q.source === "repo");
  const builtin = questions.filter((q) => q.source === "builtin");
  const groups = [none];
  if (repo.length) {
    groups.push(
      el(
        "optgroup",
        { label: "リポジトリの問題文" },
        ...repo.map((q) => el("option", { value: q.id, text: `${q.title ?? q.path}${q.error ? "（読めません）" : ""}` })),
      ),
    );
  }
  if (builtin.length) {
    groups.push(
      el(
        "optgroup",
        { label: "テーマの既定の問題" },
        ...builtin.map((q) => el("option", { value: q.id, text: `${themeName(q.theme)}：${q.title ?? "既定の問題"}` })),
      ),
    );
  }
  if (pasted) {
    groups.push(el("optgroup", { label: "貼り付けた問題文" }, el("option", { value: PASTED, text: pasted.title ?? "貼り付けた問題文" })));
  }
  const keep = select.value;
  select.replaceChildren(...groups);
  select.value = keep;
}

/** Show a question (or none) in the panel. */
export function renderQuestion(q, examLimits) {
  $("question-title").textContent = q ? (q.title ?? (q.path ? q.path : "問題文")) : "問題文を選ぶと、ここに設問が出ます。";
  const err = $("question-error");
  err.hidden = !q?.error;
  err.textContent = q?.error ? `この問題文は使えません：${q.error.message}` : "";
  const parts = q && !q.error ? q.parts : [];
  const list = $("question-parts");
  if (parts.length === 0) {
    list.replaceChildren(
      ...["ア", "イ", "ウ"].map((label) => {
        const l = examLimits[label] ?? {};
        return el(
          "li",
          { class: "q-part", "data-testid": "question-part", "data-label": label },
          el("div", { class: "q-part-head" }, el("span", { class: "q-label", text: `設問${label}` }), el("span", { class: "chip limit", text: describeLimit(l.min, l.max) })),
        );
      }),
    );
  } else {
    list.replaceChildren(
      ...parts.map((p) =>
        el(
          "li",
          { class: "q-part", "data-testid": "question-part", "data-label": p.label },
          el(
            "div",
            { class: "q-part-head" },
            el("span", { class: "q-label", text: `設問${p.label}` }),
            el("span", { class: "chip limit", "data-testid": "question-limit", text: describeLimit(p.min, p.max) }),
          ),
          el("p", { class: "q-part-text", text: p.text }),
          p.points.length
            ? el(
                "div",
                { class: "q-points" },
                el("span", { class: "q-points-label", text: "求められている事項" }),
                el("ul", {}, ...p.points.map((t) => el("li", { class: "chip point", text: t }))),
              )
            : null,
          p.viewpoints.length
            ? el(
                "div",
                { class: "q-points" },
                el("span", { class: "q-points-label", text: "観点" }),
                el("ul", {}, ...p.viewpoints.map((t) => el("li", { class: "chip viewpoint", text: t }))),
              )
            : null,
        ),
      ),
    );
  }
  $("question-text").textContent = q?.text ?? "";
  $("question-text").closest("details").hidden = !q;
}

/** The limits of each part: the question's where it states them, else the exam's. */
export function limitsFor(q, examLimits) {
  const out = {};
  for (const label of ["ア", "イ", "ウ"]) {
    const p = q && !q.error ? q.parts.find((x) => x.label === label) : null;
    out[label] = p && (p.min != null || p.max != null) ? { min: p.min, max: p.max } : { ...(examLimits[label] ?? { min: null, max: null }) };
  }
  return out;
}
