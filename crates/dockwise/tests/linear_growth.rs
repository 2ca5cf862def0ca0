//! A review must grow linearly with the file: for the kinds of file that once grew quadratically (many `RUN`s,
//! rows of one-command `RUN`s, `ENV`s, stages, heredocs), a file four times longer may cost at most about four times as much.
//!
//! Two measures. Bytes allocated are counted by a counting allocator (deterministic: a scope or a script copied
//! per instruction makes them grow 16-fold). CPU time catches quadratic scans that allocate nothing; the machine
//! is shared and these are debug builds, so the bound is generous (4n under 8x n, the best of three runs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "common/cpu.rs"]
mod cpu;
#[path = "common/generate.rs"]
mod generate;
use cpu::cpu_ms;

/// The system allocator, counting the bytes it hands out.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size.saturating_sub(layout.size()), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes allocated by one review of `text`.
fn allocated(text: &str) -> usize {
    let config = dockwise::Config::default();
    let before = ALLOCATED.load(Ordering::Relaxed);
    std::hint::black_box(dockwise::review(text, &config));
    ALLOCATED.load(Ordering::Relaxed) - before
}

/// CPU milliseconds of one review of `text`, the best of three.
fn cpu(text: &str) -> f64 {
    let config = dockwise::Config::default();
    (0..3)
        .map(|_| {
            let start = cpu_ms();
            std::hint::black_box(dockwise::review(text, &config));
            cpu_ms() - start
        })
        .fold(f64::INFINITY, f64::min)
}

/// Reviews `kind` files of `n` and `4n` instructions and asserts near-linear growth.
fn grows_linearly(kind: &str, n: usize) {
    let small = generate::generate(kind, n);
    let large = generate::generate(kind, 4 * n);
    let bytes = allocated(&large) as f64 / allocated(&small).max(1) as f64;
    assert!(
        bytes < 5.0,
        "{kind}: 4x the instructions allocated {bytes:.2}x the bytes (linear is about 4x)"
    );
    let time = cpu(&large) / cpu(&small).max(0.001);
    eprintln!("{kind}: bytes {bytes:.2}x, cpu {time:.2}x");
    assert!(
        time < 8.0,
        "{kind}: 4x the instructions took {time:.2}x the CPU time (linear is about 4x; the bound is 8x)"
    );
}

/// One test, so that no other test of this binary allocates while the bytes are counted.
#[test]
fn reviews_grow_linearly() {
    grows_linearly("run", 150);
    grows_linearly("run-row", 250);
    grows_linearly("env", 500);
    grows_linearly("stages", 250);
    grows_linearly("heredoc", 250);
}
