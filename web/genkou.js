// The 原稿用紙 view: the server's layout (POST /api/genkou, itsm count's rules) drawn as 25×16 pages,
// with the rows where each part's limits fall marked as on the printed sheet.

import { el } from "./editor.js";
import { group } from "./essay.js";

/**
 * @param {HTMLElement} root
 * @param {object} layout  /api/genkou response
 * @param {object} counts  label → count JSON part entry (for min_rows/max_rows), may be empty
 */
export function renderGenkou(root, layout, counts) {
  const W = layout.row_cells;
  const H = layout.page_rows;
  const out = [];
  if (layout.parts.length === 0) out.push(el("p", { class: "empty", text: "まだ何も書かれていません。" }));
  for (const part of layout.parts) {
    const label = part.part;
    const c = label ? counts[label] : null;
    const g = c?.genkou;
    const rows = part.rows;
    const minRows = g?.min_rows ?? null;
    const maxRows = g?.max_rows ?? null;
    const state = minRows != null && rows.length < minRows ? "short" : maxRows != null && rows.length > maxRows ? "over" : "ok";
    const pages = Math.max(1, Math.ceil(rows.length / H), Math.ceil((maxRows ?? 0) / H));
    const sec = el("section", { class: "gk-part", "data-testid": "genkou-part", "data-part": label ?? "", "data-rows": String(rows.length) });
    sec.append(
      el(
        "header",
        { class: "gk-head" },
        el("h3", { text: label ? `設問${label}` : "本文" }),
        el("span", { class: `gk-count state-${state}`, "data-testid": "genkou-rows" }, `${group(rows.length)}行`, el("small", { text: `（${group(rows.length * W)}字相当）` })),
        el("span", { class: "gk-limit", text: limitText(minRows, maxRows) }),
      ),
    );
    for (let p = 0; p < pages; p++) {
      const page = el("div", { class: "gk-page", "data-testid": "genkou-page", role: "img", "aria-label": `設問${label ?? ""} ${p + 1}枚目` });
      for (let r = 0; r < H; r++) {
        const n = p * H + r; // 0-based row number within the part
        const row = rows[n];
        const line = el("div", { class: "gk-row" + (n >= rows.length ? " unused" : "") });
        line.append(el("span", { class: "gk-rowno", text: String(n + 1) }));
        const cells = el("div", { class: "gk-cells" });
        for (let k = 0; k < W; k++) {
          const v = row?.cells[k];
          const cell = el("span", { class: "gk-cell", "data-testid": "genkou-cell" });
          if (v != null) {
            cell.textContent = v;
            if (v.length === 2 && /^[0-9a-z]{2}$/.test(v)) cell.classList.add("pair");
            if (v === "") cell.classList.add("indent");
          }
          if (k === W - 1 && row?.hang) cell.append(el("span", { class: "gk-hang", text: row.hang }));
          cells.append(cell);
        }
        line.append(cells);
        const marks = [];
        if (minRows != null && n + 1 === minRows) marks.push(["min", `${group(minRows * W)}字`]);
        if (maxRows != null && n + 1 === maxRows) marks.push(["max", `${group(maxRows * W)}字`]);
        if (!marks.length && (n + 1) % 8 === 0) marks.push(["tick", group((n + 1) * W)]);
        line.append(el("span", { class: "gk-marks" }, ...marks.map(([k, t]) => el("span", { class: `gk-mark ${k}`, text: t }))));
        page.append(line);
      }
      sec.append(page);
    }
    out.push(sec);
  }
  root.replaceChildren(...out);
}

function limitText(minRows, maxRows) {
  if (minRows != null && maxRows != null) return `必要 ${minRows}行以上・${maxRows}行まで`;
  if (maxRows != null) return `${maxRows}行まで`;
  if (minRows != null) return `${minRows}行以上`;
  return "";
}
