// Modal dialogs built on <dialog> (keyboard and focus handling are the browser's).

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

/** Show a dialog and resolve with its form's returnValue ("cancel" on Escape). */
export function show(dlg, focus) {
  return new Promise((resolve) => {
    dlg.returnValue = "cancel";
    dlg.addEventListener("close", () => resolve(dlg.returnValue || "cancel"), { once: true });
    dlg.showModal();
    if (focus) focus.focus();
  });
}

/** A yes/no question; resolves true for OK. */
export async function confirm(title, message, okLabel) {
  $("confirm-title").textContent = title;
  $("confirm-message").textContent = message;
  $("confirm-ok").textContent = okLabel;
  return (await show($("confirm-dialog"), $("confirm-cancel"))) === "ok";
}

/**
 * Ask for a path to save to; `validate(path)` returns an error message or null. Resolves the path or null.
 */
export function askPath(initial, validate) {
  const dlg = $("save-dialog");
  const input = $("save-path");
  const err = $("save-error");
  input.value = initial;
  err.textContent = "";
  const onSubmit = (ev) => {
    const msg = validate(input.value.trim());
    if (msg && ev.submitter?.value === "ok") {
      ev.preventDefault();
      err.textContent = msg;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  };
  const form = $("save-form");
  form.addEventListener("submit", onSubmit);
  const p = show(dlg, input).then((v) => {
    form.removeEventListener("submit", onSubmit);
    input.removeAttribute("aria-invalid");
    return v === "ok" ? input.value.trim() : null;
  });
  input.select();
  return p;
}

/**
 * The 409 dialog: resolves "overwrite", "reload" or "cancel". `creating`: the save was to a new
 * name that already exists (rather than a file changed since it was opened).
 */
export function conflict(message, current, creating) {
  $("conflict-title").textContent = creating ? "同じ名前のファイルがあります" : "ファイルが変更されています";
  $("conflict-reload").textContent = creating ? "そのファイルを開く" : "ファイルの内容を開く";
  $("conflict-message").textContent = message;
  $("conflict-current").value = current ? current.text : "（ファイルは削除されています）";
  $("conflict-reload").hidden = !current;
  return show($("conflict-dialog"), $("conflict-cancel"));
}

/** Ask for a pasted question; `parse(text)` resolves a question or throws an error with a message. */
export function pasteQuestion(parse) {
  const dlg = $("paste-dialog");
  const ta = $("paste-text");
  const err = $("paste-error");
  err.textContent = "";
  return new Promise((resolve) => {
    const form = dlg.querySelector("form");
    const onSubmit = async (ev) => {
      if (ev.submitter?.value !== "ok") return;
      ev.preventDefault();
      try {
        const q = await parse(ta.value);
        form.removeEventListener("submit", onSubmit);
        dlg.close("ok");
        resolve(q);
      } catch (e) {
        err.textContent = e.message;
      }
    };
    form.addEventListener("submit", onSubmit);
    show(dlg, ta).then((v) => {
      form.removeEventListener("submit", onSubmit);
      if (v !== "ok") resolve(null);
    });
  });
}
