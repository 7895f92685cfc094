// The practice page: wires the question panel, the three answer areas, the live check, the score,
// the 原稿用紙 view, the exam clock, files and the autosave draft. The API is docs/serve-api.md.

import * as api from "./api.js";
import * as dialogs from "./dialogs.js";
import { AnswerArea } from "./editor.js";
import {
  PARTS,
  byteMapper,
  checkPath,
  composeEssay,
  emptyEssay,
  essayFromServer,
  locate,
  relativePath,
  resolvePath,
  shiftRanges,
} from "./essay.js";
import { renderFindings, renderScore, scoreBadge } from "./feedback.js";
import { renderGenkou } from "./genkou.js";
import { DraftStore } from "./draft.js";
import { PASTED, fillSelect, limitsFor, renderQuestion } from "./questions.js";
import { Timer } from "./timer.js";

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const CHECK_DELAY = 300;
const AUTOSAVE_DELAY = 600;

const state = {
  info: null,
  questions: [],
  pasted: null,
  question: null,
  theme: null,
  essay: emptyEssay(), // front matter, preamble, headings; the answers live in the areas
  path: null,
  etag: null,
  baseText: null, // the composed text when last opened or saved (dirty = differs)
  view: "answer",
  last: null, // last check: {res, text, ranges, answers}
  checkSeq: 0,
  checkTimer: 0,
  checkAbort: null,
  draftTimer: 0,
  loadNotes: [],
};

let areas = {};
let store = null;
let timer = null;

// ------------------------------------------------------------------------------------------ essay

function currentEssay() {
  const e = { ...state.essay, answers: {} };
  for (const { key } of PARTS) e.answers[key] = areas[key].value;
  return e;
}

/** The Markdown for the current page state; `path` decides the relative `question:`. */
function compose(path = state.path) {
  const q = state.question;
  const question = q?.source === "repo" && path ? relativePath(path, q.path) : null;
  return composeEssay(currentEssay(), { kind: "essay", theme: state.theme, question });
}

function isDirty() {
  return compose().text !== state.baseText;
}

function answersEmpty() {
  return PARTS.every(({ key }) => areas[key].value.trim() === "");
}

function showDocState(saving = false) {
  $("doc-path").textContent = state.path ?? "新しい論文";
  const s = $("save-state");
  if (saving) {
    s.dataset.state = "saving";
    s.textContent = "保存中…";
  } else if (!state.path) {
    s.dataset.state = "new";
    s.textContent = answersEmpty() ? "未保存" : "未保存（下書きはこのブラウザに自動保存）";
  } else if (isDirty()) {
    s.dataset.state = "dirty";
    s.textContent = "変更あり（下書きは自動保存）";
  } else {
    s.dataset.state = "saved";
    s.textContent = "保存済み";
  }
  document.title = `${state.path ? state.path.split("/").pop() : "新しい論文"} — 論述練習 — itsm`;
}

// ------------------------------------------------------------------------------------------ check

function scheduleCheck(delay = CHECK_DELAY) {
  clearTimeout(state.checkTimer);
  document.body.dataset.check = "pending";
  state.checkTimer = setTimeout(runCheck, delay);
}

async function runCheck() {
  if (PARTS.some(({ key }) => areas[key].composing)) {
    scheduleCheck();
    return;
  }
  state.checkAbort?.abort();
  const ctrl = new AbortController();
  state.checkAbort = ctrl;
  const seq = ++state.checkSeq;
  const { text, ranges } = compose();
  const answers = Object.fromEntries(PARTS.map(({ key }) => [key, areas[key].value]));
  document.body.dataset.check = "running";
  const req = { text, kind: "essay", path: state.path ?? undefined };
  if (state.theme) req.theme = state.theme;
  if (state.question && !state.question.error) req.question = state.question.text;
  try {
    const res = await api.check(req, ctrl.signal);
    if (seq !== state.checkSeq) return;
    applyCheck({ res, text, ranges, answers });
    document.body.dataset.check = "done";
    document.body.dataset.checks = String(Number(document.body.dataset.checks) + 1);
    $("check-state").textContent = res.serverMs != null ? `検査済み（${res.serverMs} ms）` : "検査済み";
    $("check-state").dataset.state = "done";
  } catch (e) {
    if (e.name === "AbortError") return;
    if (seq !== state.checkSeq) return;
    document.body.dataset.check = "error";
    $("check-state").textContent = `検査できません：${e.message}`;
    $("check-state").dataset.state = "error";
  }
}

/** Turn one check response into findings on the page. */
function applyCheck(last) {
  state.last = last;
  const { res, text, ranges, answers } = last;
  const toIndex = byteMapper(text);
  const where = (span) => locate(span, ranges, toIndex);
  const lintFile = res.lint.files[0];
  const findings = (lintFile?.diagnostics ?? []).map((d, n) => {
    const loc = where(d.span);
    let fixLocal = null;
    if (d.fix && loc.part) {
      const f = where({ byte_start: d.fix.byte_start, byte_end: d.fix.byte_end });
      if (f.part === loc.part && f.range) fixLocal = { range: f.range, text: d.fix.replacement, basis: answers[loc.part] };
    }
    return {
      id: `f${state.checkSeq}-${n}`,
      code: d.code,
      name: d.name,
      severity: d.severity,
      message: d.message,
      help: d.help,
      label: d.label,
      part: loc.part,
      range: loc.range,
      fixLocal,
    };
  });
  for (const { key } of PARTS) {
    const mine = findings.filter((f) => f.part === key && f.range);
    areas[key].setFindings(shiftRanges(mine, answers[key], areas[key].value));
    areas[key].setNotes(findings.filter((f) => f.part === key && !f.range));
  }
  renderFindings($("findings"), findings, { onGo: goTo, onFix: applyFix });
  $("findings-empty").hidden = findings.length > 0;
  $("findings-empty").textContent = "指摘はありません。";
  const sum = res.lint.summary;
  $("findings-count").textContent = String(findings.length);
  $("findings-count").dataset.errors = String(sum?.errors ?? 0);
  const counts = {};
  for (const p of res.count.files[0]?.parts ?? []) counts[p.part] = p;
  for (const { key, label } of PARTS) areas[key].setCount(counts[label] ?? null);
  const scoreFile = res.score.files[0];
  renderScore($("score"), scoreFile, res.score.notice, { locate: where, onGo: goTo });
  $("score-badge").textContent = scoreBadge(scoreFile);
}

function goTo(f) {
  if (!f.part) return;
  if (state.view !== "answer") setView("answer");
  areas[f.part].reveal(f.range, f.id ?? null);
}

function applyFix(part, f) {
  const area = areas[part];
  if (!f.fixLocal || area.value !== f.fixLocal.basis) {
    toast("本文が変わったため、再検査してからもう一度お試しください");
    scheduleCheck(0);
    return;
  }
  area.replace(f.fixLocal.range, f.fixLocal.text);
}

// ------------------------------------------------------------------------------------------ question

function setQuestion(q, { check = true } = {}) {
  state.question = q;
  const select = $("question-select");
  select.value = q ? (q.source === "pasted" ? PASTED : q.id) : "";
  renderQuestion(q, state.info.limits);
  const limits = limitsFor(q, state.info.limits);
  for (const { key, label } of PARTS) areas[key].setLimit(limits[label].min, limits[label].max);
  if (q?.theme && !q.error) setTheme(q.theme, { check: false });
  if (check) {
    onEdited();
  }
}

function setTheme(id, { check = true } = {}) {
  state.theme = id || null;
  $("theme-select").value = state.theme ?? "";
  if (check) onEdited();
}

function questionById(id) {
  if (id === PASTED) return state.pasted;
  return state.questions.find((q) => q.id === id) ?? null;
}

// ------------------------------------------------------------------------------------------ files

function setEssay(essay, { path = null, etag = null, notes = [] } = {}) {
  state.essay = essay;
  state.path = path;
  state.etag = etag;
  for (const { key } of PARTS) areas[key].value = essay.answers[key] ?? "";
  state.loadNotes = notes;
  const n = $("load-notes");
  n.hidden = notes.length === 0;
  n.textContent = notes.join(" ");
  state.baseText = compose().text;
  showDocState();
}

async function openPath(path) {
  let doc;
  try {
    doc = await api.openEssay(path);
  } catch (e) {
    toast(e.message, "error");
    return false;
  }
  const { essay, notes } = essayFromServer(doc);
  if (doc.converted_from) notes.push(`${doc.converted_from} のファイルです。保存すると UTF-8 になります。`);
  const fm = Object.fromEntries(doc.front_matter);
  let q = null;
  if (fm.question) {
    const p = resolvePath(path, fm.question);
    q = state.questions.find((x) => x.source === "repo" && x.path === p) ?? null;
    if (!q) notes.push(`front matter の question: ${fm.question} は問題文の一覧にありません。`);
  }
  const themeId = fm.theme ? (state.info.themes.find((t) => t.id === fm.theme || t.name === fm.theme)?.id ?? null) : null;
  setQuestion(q, { check: false });
  setTheme(themeId ?? q?.theme ?? null, { check: false });
  setEssay(essay, { path, etag: doc.etag, notes });
  saveDraftNow();
  scheduleCheck(0);
  if (state.view === "genkou") showGenkou();
  return true;
}

async function chooseAndOpen() {
  const dlg = $("open-dialog");
  const list = $("open-list");
  const status = $("open-status");
  list.replaceChildren();
  status.textContent = "読み込み中…";
  const shown = dialogs.show(dlg, $("open-cancel"));
  let items = [];
  try {
    items = await api.essays();
    status.textContent = items.length ? `${items.length}件（リポジトリ: ${state.info.root}）` : "リポジトリに論文（*.md / *.txt）がありません。";
  } catch (e) {
    status.textContent = e.message;
  }
  for (const it of items) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "file-item";
    b.dataset.testid = "open-item";
    b.dataset.path = it.path;
    const name = document.createElement("span");
    name.className = "file-path";
    name.textContent = it.path;
    const meta = document.createElement("span");
    meta.className = "file-meta";
    meta.textContent = [it.title, it.kind === "module" ? "モジュール" : null, new Date(it.modified).toLocaleString("ja-JP")].filter(Boolean).join("　");
    b.append(name, meta);
    b.addEventListener("click", async () => {
      dlg.close("cancel");
      if (isDirty() && !answersEmpty()) {
        const ok = await dialogs.confirm("保存していない変更があります", "いまの内容を保存せずに、別の論文を開きますか？ いまの内容は破棄されます。", "破棄して開く");
        if (!ok) return;
      }
      await openPath(it.path);
    });
    const li = document.createElement("li");
    li.append(b);
    list.append(li);
  }
  list.querySelector("button")?.focus();
  await shown;
}

function defaultPath() {
  const d = new Date();
  const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, "0")}${String(d.getDate()).padStart(2, "0")}`;
  return `essays/${ymd}-${state.theme ?? "essay"}.md`;
}

let saving = false;

async function save({ as = false } = {}) {
  if (saving) return false;
  saving = true;
  try {
    return await saveInner(as);
  } finally {
    saving = false;
  }
}

async function saveInner(as) {
  let path = state.path;
  let etag = state.etag;
  if (!path || as) {
    const chosen = await dialogs.askPath(state.path ?? defaultPath(), checkPath);
    if (!chosen) return false;
    if (chosen !== state.path) etag = null;
    path = chosen;
  }
  return put(path, etag);
}

async function put(path, etag) {
  const { text } = compose(path);
  showDocState(true);
  try {
    const res = await api.saveEssay(path, text, etag);
    state.path = res.path;
    state.etag = res.etag;
    state.baseText = compose().text;
    showDocState();
    saveDraftNow();
    toast(`保存しました：${res.path}`);
    onEdited({ check: true });
    return true;
  } catch (e) {
    showDocState();
    if (e.status === 409) {
      saveDraftNow();
      const current = e.body?.current ?? null;
      const choice = await dialogs.conflict(e.message, current, etag == null);
      if (choice === "overwrite") return put(path, current ? current.etag : null);
      if (choice === "reload") {
        // Keep what was on the page restorable, and say so.
        store.save({ ...draftObject(), dirty: true });
        const mine = store.takeOffer();
        const ok = await openPath(path);
        if (mine) offerDraft(mine);
        return ok;
      }
      return false;
    }
    toast(e.message, "error");
    return false;
  }
}

async function newEssay() {
  if (isDirty() && !answersEmpty()) {
    const ok = await dialogs.confirm("保存していない変更があります", "いまの内容を保存せずに、新しい論文を始めますか？ いまの内容は破棄されます。", "破棄して始める");
    if (!ok) return;
  }
  setEssay(emptyEssay());
  saveDraftNow();
  scheduleCheck(0);
}

// ------------------------------------------------------------------------------------------ draft

function draftObject() {
  return {
    dirty: isDirty() && !answersEmpty(),
    path: state.path,
    etag: state.etag,
    baseText: state.baseText,
    essay: currentEssay(),
    questionId: state.question?.id ?? null,
    pasted: state.question?.source === "pasted" ? state.question.text : null,
    theme: state.theme,
  };
}

function saveDraftNow() {
  clearTimeout(state.draftTimer);
  store?.save(draftObject());
}

function scheduleDraft() {
  clearTimeout(state.draftTimer);
  state.draftTimer = setTimeout(saveDraftNow, AUTOSAVE_DELAY);
}

async function restoreDraft(d) {
  if (d.pasted) {
    try {
      state.pasted = await api.parseQuestion(d.pasted);
      fillSelect($("question-select"), state.questions, state.pasted, state.info.themes);
    } catch {
      state.pasted = null;
    }
  }
  const q = d.pasted ? state.pasted : d.questionId ? questionById(d.questionId) : null;
  setQuestion(q, { check: false });
  setTheme(d.theme ?? null, { check: false });
  const essay = { ...emptyEssay(), ...d.essay };
  setEssay(essay, { path: d.path, etag: d.etag });
  state.baseText = d.baseText ?? null;
  showDocState();
  saveDraftNow();
  scheduleCheck(0);
}

function offerDraft(d) {
  const bar = $("restore-banner");
  const when = new Date(d.savedAt).toLocaleString("ja-JP");
  const chars = PARTS.reduce((n, { key }) => n + (d.essay?.answers?.[key]?.length ?? 0), 0);
  $("restore-text").textContent = `保存していない下書きがあります（${d.path ?? "新しい論文"}、${when}、約${chars.toLocaleString()}字）。復元しますか？`;
  bar.hidden = false;
  const close = () => {
    bar.hidden = true;
  };
  $("restore-accept").onclick = async () => {
    close();
    store.dropOffer();
    await restoreDraft(d);
    toast("下書きを復元しました");
  };
  $("restore-discard").onclick = () => {
    close();
    store.dropOffer();
  };
}

// ------------------------------------------------------------------------------------------ views

function setView(view) {
  state.view = view;
  $("view-answer").setAttribute("aria-pressed", String(view === "answer"));
  $("view-genkou").setAttribute("aria-pressed", String(view === "genkou"));
  $("answers").hidden = view !== "answer";
  $("genkou").hidden = view !== "genkou";
  document.body.dataset.view = view;
  if (view === "genkou") showGenkou();
}

async function showGenkou() {
  const body = $("genkou-body");
  body.setAttribute("aria-busy", "true");
  const { text } = compose();
  try {
    const layout = await api.genkou({ text, kind: "essay", path: state.path ?? undefined });
    // Limits for the markers: the last check's count (same limits as the counters).
    if (!state.last || state.last.text !== text) {
      clearTimeout(state.checkTimer);
      await runCheck();
    }
    const counts = {};
    for (const p of state.last?.res.count.files[0]?.parts ?? []) counts[p.part] = p;
    renderGenkou(body, layout, counts);
  } catch (e) {
    body.textContent = `原稿用紙を表示できません：${e.message}`;
  } finally {
    body.removeAttribute("aria-busy");
  }
}

// ------------------------------------------------------------------------------------------ misc

let toastTimer = 0;
function toast(text, kind = "info") {
  const t = $("toast");
  t.textContent = text;
  t.dataset.kind = kind;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    t.hidden = true;
  }, kind === "error" ? 8000 : 3500);
}

function onEdited({ check = true } = {}) {
  showDocState();
  scheduleDraft();
  if (check) scheduleCheck();
}

function setupTabs() {
  const tabs = [$("tab-findings"), $("tab-score")];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    }
  };
  tabs.forEach((t, n) => {
    t.addEventListener("click", () => select(t));
    t.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const next = tabs[(n + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        select(next);
        next.focus();
      }
    });
  });
}

function setupKeys() {
  document.addEventListener("keydown", (e) => {
    if (document.querySelector("dialog[open]")) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.shiftKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      save();
    } else if (mod && e.shiftKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      save({ as: true });
    } else if (mod && e.key.toLowerCase() === "o") {
      e.preventDefault();
      chooseAndOpen();
    } else if (e.altKey && e.key.toLowerCase() === "t") {
      e.preventDefault();
      $("timer-toggle").click();
    } else if (e.altKey && ["1", "2", "3"].includes(e.key)) {
      e.preventDefault();
      setView("answer");
      areas[PARTS[Number(e.key) - 1].key].ta.focus();
    }
  });
}

async function main() {
  try {
    state.info = await api.info();
  } catch (e) {
    $("check-state").textContent = e.message;
    $("check-state").dataset.state = "error";
    return;
  }
  store = new DraftStore(state.info.root);
  document.body.dataset.counting = state.info.counting;
  for (const root of document.querySelectorAll(".answer[data-part]")) {
    const a = new AnswerArea(root, { onInput: () => onEdited(), onFix: applyFix });
    areas[a.key] = a;
  }
  const themeSel = $("theme-select");
  themeSel.replaceChildren(new Option("指定しない（本文から推定）", ""), ...state.info.themes.map((t) => new Option(`${t.name}（${t.id}）`, t.id)));
  themeSel.addEventListener("change", () => setTheme(themeSel.value));
  try {
    state.questions = await api.questions();
  } catch (e) {
    toast(e.message, "error");
  }
  const qSel = $("question-select");
  fillSelect(qSel, state.questions, null, state.info.themes);
  qSel.addEventListener("change", () => setQuestion(questionById(qSel.value)));
  $("question-paste").addEventListener("click", async () => {
    const q = await dialogs.pasteQuestion((t) => api.parseQuestion(t));
    if (!q) return;
    state.pasted = q;
    fillSelect(qSel, state.questions, state.pasted, state.info.themes);
    setQuestion(q);
  });

  timer = new Timer(
    { root: $("timer"), display: $("timer-display"), toggle: $("timer-toggle"), reset: $("timer-reset"), minutes: $("timer-minutes") },
    { onWarn: (_m, text) => toast(text, "timer"), onChange: (s) => store.saveTimer(s) },
  );
  timer.restore(store.loadTimer());
  timer.render();

  $("view-answer").addEventListener("click", () => setView("answer"));
  $("view-genkou").addEventListener("click", () => setView("genkou"));
  $("open").addEventListener("click", chooseAndOpen);
  $("save").addEventListener("click", () => save());
  $("save-as").addEventListener("click", () => save({ as: true }));
  $("new").addEventListener("click", newEssay);
  setupTabs();
  setupKeys();
  addEventListener("pagehide", saveDraftNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveDraftNow();
  });

  const first = state.questions.find((q) => !q.error) ?? null;
  setQuestion(first, { check: false });
  setEssay(emptyEssay());
  const offer = store.takeOffer();
  if (offer) offerDraft(offer);
  saveDraftNow();
  scheduleCheck(0);
  document.body.dataset.ready = "true";
}

main();
