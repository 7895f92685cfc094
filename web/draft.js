// The autosave draft in localStorage, so that a closed tab or a crash loses nothing, and the exam
// clock's state. Keys are scoped by the repository's name (GET /api/info → root).

const VERSION = 1;

function key(root, what) {
  return `itsm-serve:${root}:${what}`;
}

function read(k) {
  try {
    const v = JSON.parse(localStorage.getItem(k) ?? "null");
    return v && v.v === VERSION ? v : null;
  } catch {
    return null;
  }
}

function write(k, obj) {
  try {
    localStorage.setItem(k, JSON.stringify({ ...obj, v: VERSION }));
    return true;
  } catch {
    return false; // storage full or disabled: the page keeps working without autosave
  }
}

export class DraftStore {
  constructor(root) {
    this.root = root;
  }

  /**
   * The draft to offer on load: an unsaved draft from the last session is moved aside
   * (`previous`) so that typing before answering the offer cannot overwrite it.
   */
  takeOffer() {
    const cur = read(key(this.root, "draft"));
    if (cur?.dirty) {
      write(key(this.root, "previous"), cur);
      localStorage.removeItem(key(this.root, "draft"));
      return cur;
    }
    return read(key(this.root, "previous"));
  }

  dropOffer() {
    localStorage.removeItem(key(this.root, "previous"));
  }

  save(draft) {
    return write(key(this.root, "draft"), { ...draft, savedAt: Date.now() });
  }

  loadTimer() {
    return read(key(this.root, "timer"))?.state ?? null;
  }

  saveTimer(state) {
    write(key(this.root, "timer"), { state });
  }
}
