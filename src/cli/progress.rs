//! A progress line on the terminal while many files are linted or scored:
//! `検査中 1,234 / 30,000 ファイル（4%）`, redrawn in place on standard error.
//!
//! Shown only when it helps and cannot hurt: standard error is a terminal, the output format is
//! the human one (never json, sarif or github, whose readers may share the terminal), and the
//! run has lasted longer than a moment ([`DELAY`]); redrawn at most every [`EVERY`]; erased
//! before the results are printed, so nothing of it stays on screen or in a log.
//! `ITSM_PROGRESS_DELAY_MS` replaces [`DELAY`] (the tests use 0 to see the line at once).

use crate::text::thousands;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How long a run goes before the line appears.
pub const DELAY: Duration = Duration::from_millis(500);
/// How often the line is redrawn at most.
pub const EVERY: Duration = Duration::from_millis(100);

pub struct Progress<W: Write> {
    out: Option<W>,
    label: &'static str,
    total: usize,
    done: usize,
    start: Instant,
    delay: Duration,
    drawn: Option<Instant>,
}

impl Progress<std::io::Stderr> {
    /// The line on standard error when it is a terminal and the format is for people.
    pub fn stderr(label: &'static str, total: usize, human_format: bool) -> Self {
        let err = std::io::stderr();
        let on = human_format && total > 1 && err.is_terminal();
        let delay = std::env::var("ITSM_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(DELAY, Duration::from_millis);
        Progress::new(on.then_some(err), label, total, delay)
    }
}

impl<W: Write> Progress<W> {
    /// `out` is `None` when no line is to be shown.
    pub fn new(out: Option<W>, label: &'static str, total: usize, delay: Duration) -> Self {
        Progress {
            out,
            label,
            total,
            done: 0,
            start: Instant::now(),
            delay,
            drawn: None,
        }
    }

    /// One more file done.
    pub fn tick(&mut self) {
        self.done += 1;
        let Some(out) = self.out.as_mut() else {
            return;
        };
        let now = Instant::now();
        if now.duration_since(self.start) < self.delay
            || self.drawn.is_some_and(|t| now.duration_since(t) < EVERY)
        {
            return;
        }
        let pct = self.done * 100 / self.total.max(1);
        let line = format!(
            "\r\x1b[2K{} {} / {} ファイル（{pct}%）",
            self.label,
            thousands(self.done),
            thousands(self.total)
        );
        // A terminal that fails to take the line only loses the line.
        if out
            .write_all(line.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            self.out = None;
            return;
        }
        self.drawn = Some(now);
    }

    /// Erase the line (if it was drawn); call before printing the results.
    pub fn finish(&mut self) {
        if let (Some(out), Some(_)) = (self.out.as_mut(), self.drawn) {
            let _ = out.write_all(b"\r\x1b[2K").and_then(|()| out.flush());
        }
        self.drawn = None;
        self.out = None;
    }
}

impl<W: Write> Drop for Progress<W> {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A writer whose bytes the test can read while the progress line holds it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn take(&self) -> String {
            String::from_utf8(std::mem::take(&mut *self.0.borrow_mut())).unwrap()
        }
    }

    #[test]
    fn draws_after_the_delay_at_most_every_interval_and_erases_at_the_end() {
        let w = Shared::default();
        let mut p = Progress::new(Some(w.clone()), "検査中", 2500, Duration::ZERO);
        p.tick();
        assert_eq!(w.take(), "\r\x1b[2K検査中 1 / 2,500 ファイル（0%）");
        p.tick();
        assert_eq!(w.take(), "", "redrawn at most every {EVERY:?}");
        std::thread::sleep(EVERY);
        p.tick();
        assert_eq!(w.take(), "\r\x1b[2K検査中 3 / 2,500 ファイル（0%）");
        p.finish();
        assert_eq!(w.take(), "\r\x1b[2K", "erased");
        p.tick();
        drop(p);
        assert_eq!(w.take(), "", "nothing after finish");
    }

    #[test]
    fn nothing_before_the_delay_nor_without_a_terminal() {
        let w = Shared::default();
        let mut p = Progress::new(Some(w.clone()), "採点中", 10, Duration::from_secs(3600));
        for _ in 0..10 {
            p.tick();
        }
        drop(p);
        assert_eq!(w.take(), "", "never drawn, so nothing to erase");
        let mut p: Progress<Shared> = Progress::new(None, "採点中", 10, Duration::ZERO);
        p.tick();
        assert!(p.out.is_none());
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(30000), "30,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
