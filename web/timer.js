// The exam clock: counts down from the configured minutes (120 by default), pausable, warns once at
// 30, 10 and 5 minutes left, then counts the time over. Its state survives a reload (see draft.js).

export const WARN_MINUTES = [30, 10, 5];

/** 7,199,000 ms → "1:59:59"; negative → "+0:00:12". */
export function formatClock(ms) {
  const over = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000) + (over ? 0 : Math.abs(ms) % 1000 > 0 ? 1 : 0);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${over ? "+" : ""}${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
}

export class Timer {
  /**
   * @param {object} els  {root, display, toggle, reset, minutes}
   * @param {{onWarn: (min:number|null, text:string) => void, onChange: (state) => void}} hooks
   */
  constructor(els, hooks, now = () => Date.now()) {
    this.els = els;
    this.hooks = hooks;
    this.now = now;
    this.state = { minutes: 120, elapsed: 0, since: null, warned: [] };
    this.interval = null;
    els.toggle.addEventListener("click", () => (this.running ? this.pause() : this.start()));
    els.reset.addEventListener("click", () => this.reset());
    els.minutes.addEventListener("change", () => {
      const v = Math.round(Number(els.minutes.value));
      if (!Number.isFinite(v) || v < 1 || v > 600) {
        els.minutes.value = String(this.state.minutes);
        return;
      }
      this.state.minutes = v;
      this.state.warned = WARN_MINUTES.filter((w) => w >= v || this.remaining() <= w * 60000);
      this.render();
      this.changed();
    });
  }

  get running() {
    return this.state.since != null;
  }

  elapsed() {
    return this.state.elapsed + (this.state.since != null ? this.now() - this.state.since : 0);
  }

  remaining() {
    return this.state.minutes * 60000 - this.elapsed();
  }

  start() {
    if (this.running) return;
    if (this.state.elapsed === 0) this.state.warned = WARN_MINUTES.filter((w) => w >= this.state.minutes);
    this.state.since = this.now();
    this.tick();
    this.changed();
  }

  pause() {
    if (!this.running) return;
    this.state.elapsed = this.elapsed();
    this.state.since = null;
    this.tick();
    this.changed();
  }

  reset() {
    this.state.elapsed = 0;
    this.state.since = null;
    this.state.warned = [];
    this.tick();
    this.changed();
  }

  /** Restore a saved state (from the local draft). */
  restore(s) {
    if (!s || typeof s.minutes !== "number") return;
    this.state = { minutes: s.minutes, elapsed: s.elapsed ?? 0, since: s.since ?? null, warned: s.warned ?? [] };
    this.els.minutes.value = String(this.state.minutes);
    this.tick();
  }

  snapshot() {
    return { ...this.state, warned: [...this.state.warned] };
  }

  changed() {
    this.hooks.onChange?.(this.snapshot());
  }

  tick() {
    clearInterval(this.interval);
    this.interval = null;
    if (this.running) this.interval = setInterval(() => this.render(), 250);
    this.render();
  }

  render() {
    const left = this.remaining();
    const { root, display, toggle, minutes } = this.els;
    display.textContent = formatClock(left);
    const state = left <= 0 ? "over" : this.running ? "running" : this.state.elapsed > 0 ? "paused" : "idle";
    root.dataset.state = state;
    let warn = "";
    for (const w of WARN_MINUTES) if (left <= w * 60000) warn = String(w);
    root.dataset.warn = left <= 0 ? "0" : warn;
    toggle.setAttribute("aria-label", this.running ? "タイマーを一時停止" : "タイマーを開始");
    toggle.firstElementChild.className = this.running ? "icon-pause" : "icon-play";
    minutes.disabled = this.running;
    if (this.running) {
      for (const w of WARN_MINUTES) {
        if (left <= w * 60000 && left > 0 && !this.state.warned.includes(w)) {
          this.state.warned.push(w);
          this.hooks.onWarn?.(w, `残り${w}分です`);
          this.changed();
        }
      }
      if (left <= 0 && !this.state.warned.includes(0)) {
        this.state.warned.push(0);
        this.hooks.onWarn?.(0, "試験時間が終わりました（超過時間を表示しています）");
        this.changed();
      }
    }
  }
}
