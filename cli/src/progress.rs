//! A progress bar on stderr for long runs and sweeps: drawn (by `indicatif`)
//! only once the work has lasted a second and only when stderr is a
//! terminal, so short runs, pipes and `--json` output see nothing of it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long work runs before its bar is drawn.
const AFTER: Duration = Duration::from_secs(1);

/// A bar of `total` steps, hidden until it has been going for a second.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    drawing: AtomicBool,
    terminal: bool,
}

impl Progress {
    /// A bar of `total` steps of `unit` ("runs", "‰ of the run").
    pub fn new(total: u64, unit: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} · {{elapsed}} · {{eta}} left");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            drawing: AtomicBool::new(false),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Sets how far along it is.
    pub fn set(&self, position: u64) {
        self.bar.set_position(position);
        self.show();
    }

    /// One more step done.
    pub fn inc(&self) {
        self.bar.inc(1);
        self.show();
    }

    fn show(&self) {
        if self.terminal && self.started.elapsed() >= AFTER && !self.drawing.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
