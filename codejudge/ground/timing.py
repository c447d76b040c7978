"""Measured cost of JavaScript, C++, Java, Go and Rust answers on a size ladder (efficiency).

Python answers are compared by bytecode steps (``codejudge.judge.cost``); compiled and
JIT languages have no such deterministic count inside the sandbox (no perf counters
under bwrap/Docker here), so their cost is *CPU time per call*, measured inside the
answer's own program job, where nothing but the call is timed:

- the test program calls a small timing helper at each input's marker instead of the
  answer; the helper first warms the call up (JIT languages: ~100 ms of calls, so
  Node's and the JVM's compilers have run), then calibrates how many calls fill a
  sample (~3 ms) and takes ``SAMPLES`` samples (``LONG_SAMPLES`` for a call over 50 ms) of
  the thread's (Node, Go: the process's) CPU clock and the monotonic wall clock;
- the value the job emits is ``[reps, cpu_ns, wall_ns, cpu_ns, wall_ns, ...]``, numbers
  only, decoded and compared here; compile time and process start never enter a sample;
- the arguments are written as literals inside the timed call, so each call gets fresh
  inputs (an answer that sorts its input in place cannot make the next call cheaper);
  building them costs both answers the same, which only makes ratios smaller.

A side is cheaper only when the difference is large and consistent: summed over the largest
rung of the ladder (so its worst input dominates) the other needs ``RATIO`` times the CPU time
and ``MIN_NS`` more per call, the smaller rungs lean the same way, and two measuring rounds
(A, B, A, B) agree. Anything else is a tie, with the reason.

Memory per call is measured in the same job, after the time samples (the least of
``MEM_SAMPLES`` calls, each on fresh literal arguments, so the arguments' own memory counts
for both sides alike), and compared by the same rule with ``MEM_RATIO`` and ``MEM_MIN_BYTES``:

- C++: every ``operator new``/``delete`` of the program is replaced by a counting one (a
  size header): *peak live heap bytes* during the call. Exact and deterministic; ``malloc``
  called directly is not seen.
- Rust: a counting ``#[global_allocator]``: *peak live heap bytes*, exact.
- Go: ``runtime.MemStats.TotalAlloc`` before and after: *bytes allocated* during the call,
  garbage included (a garbage-collected heap has no in-process peak of one call); what escape
  analysis keeps on the stack is not seen.
- Java: ``getCurrentThreadAllocatedBytes``: *bytes the thread allocated*, garbage included
  (the JVM runs C1 only here, so no escape analysis removes allocations on one side only).
- JavaScript: after a full collection (``--expose-gc`` set at run time), the growth of V8's
  young generation and large-object spaces during the call. A scavenge inside the call would
  hide what it freed, so a call whose growth reaches a quarter of the young generation's size
  (V8's ``new_space`` size, both halves; 16 MiB semi-spaces asked for at start) is *not
  measured* (-1) rather than under-counted (1,000,000 small objects: 11 MB seen of ~60 MB);
  objects V8 pretenures into the old space are not seen, and old-space growth is left out on
  purpose: V8's own compiler allocates there while the call runs (up to 240 KB measured).

Between two copies of one program the numbers were identical (C++, Rust, Java, Go) or 16 bytes
apart (JavaScript) on the ladders of ``tests/fixtures/ground/efficiency_programs.jsonl``.

>>> per_call([2, 4096, 4000, 5000, 3000, 9000])
(1500.0, 2500.0, 4096.0)
>>> compare_timing({"r0": (1000.0, 1.0)}, {"r0": (9000.0, 1.0)}, {"r0": 100})[0] is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from codejudge.ground.plan import Plan
from codejudge.ground.programs import call_expression, program_job
from codejudge.ground.typed import Unrenderable
from codejudge.sandbox.base import Executor, Limits
from codejudge.types import TestStatus
from codejudge.values import NotPlainData, decode

SAMPLES = 5
SAMPLE_NS = 3_000_000  # calls per sample fill ~3 ms, so the clocks' resolution never matters
REPS_MAX = 200_000
WARM_NS = {"js": 150_000_000, "java": 150_000_000}  # JIT warm-up; compiled languages: a few calls
WARM_DEFAULT_NS = 2_000_000
RATIO = 3.0  # the slower side needs 3x the CPU time per call ...
MIN_NS = 20_000  # ... and 20 microseconds more, at every largest rung
ROUNDS = 2
LONG_NS = 50_000_000  # a call this slow is sampled LONG_SAMPLES times (noise is small next to it)
LONG_SAMPLES = 2
MEM_SAMPLES = 3  # memory: the least of 3 calls (1 for a call over LONG_NS)
MEM_RATIO = 1.5  # the larger side needs 1.5x the memory per call ...
MEM_MIN_BYTES = 16 * 1024  # ... and 16 KiB more per input of the largest rung
MEMORY_WHAT = "memory per call"
# What "memory per call" is in each language (the verdict quotes it).
MEMORY_MEASURE = {
    "cpp": "peak live heap bytes during one call (global operator new/delete counted)",
    "rust": "peak live heap bytes during one call (a counting global allocator)",
    "go": "heap bytes allocated during one call (runtime.MemStats.TotalAlloc, garbage included)",
    "java": "bytes the thread allocated during one call (getCurrentThreadAllocatedBytes, garbage included)",
    "js": "young-generation and large-object heap growth during one call after a full collection",
}
CALL_TIMEOUT_S = 10.0  # one input: warm-up + samples
# An input one answer does not finish within CALL_TIMEOUT_S counts as at least this much CPU per call
# (the helper makes at most ~6 calls of a call that slow: warm-up, calibration, 2 samples, so one
# call took over 1.6 s of wall clock; halved again for a loaded machine). An input neither finishes
# says nothing; one the other answer finishes in microseconds is the largest gap there is (an
# exponential recursion on the ladder's fib(100)). The floor can never make the unfinished side the
# cheaper one: that needs the finished side at RATIO (3) seconds a call, too slow to have finished.
TIMEOUT_FLOOR_NS = 1e9
_UNFINISHED: tuple[float | None, ...] = (TIMEOUT_FLOOR_NS, TIMEOUT_FLOOR_NS, None)
JOB_TIMEOUT_S = 45.0

# The helper each language's timed test program defines; `f` is a closure making one call.
_HELPERS = {
    "js": """
const __cjSink = [null];
const __cjV8 = require('v8');
__cjV8.setFlagsFromString('--expose-gc');
const __cjGc = require('vm').runInNewContext('gc');
__cjV8.setFlagsFromString('--min-semi-space-size=16');  // room for one call's young objects
const __cjYoung = new Set(['new_space', 'new_large_object_space', 'large_object_space']);
function __cjYoungBytes() {
  let n = 0, cap = 0;
  for (const sp of __cjV8.getHeapSpaceStatistics()) {
    if (__cjYoung.has(sp.space_name)) n += sp.space_used_size;
    if (sp.space_name === 'new_space') cap = sp.space_size;
  }
  return [n, cap];
}
function __cjHeap(f) {  // young and large-object heap growth during one call, after a full collection
  __cjSink[0] = null; __cjGc();
  const [h0, cap] = __cjYoungBytes();
  __cjSink[0] = f();
  const grown = __cjYoungBytes()[0] - h0;
  // near the young generation's usable half a scavenge may have run inside the call: not measured (-1)
  return grown < 0 || grown >= cap / 4 ? -1 : grown;
}
function __cjTime(f) {
  const wall = () => Number(process.hrtime.bigint());
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; };
  const w = wall();
  let n = 0;
  do { __cjSink[0] = f(); n++; } while (n < 100000 && wall() - w < @WARM@);
  const c = wall(); __cjSink[0] = f();
  const one = Math.max(1, wall() - c);
  const reps = Math.max(1, Math.min(@REPS@, Math.floor(@SAMPLE@ / one)));
  let mem = __cjHeap(f);  // -1 (not measured) stays -1
  for (let s = 1; s < (one > @LONG@ ? 1 : @MEM_SAMPLES@); s++) mem = Math.min(mem, __cjHeap(f));
  const out = [reps, mem];
  for (let s = 0; s < (one > @LONG@ ? @LONG_SAMPLES@ : @SAMPLES@); s++) {
    const c0 = cpu(), w0 = wall();
    for (let r = 0; r < reps; r++) __cjSink[0] = f();
    out.push(Math.round(cpu() - c0), Math.round(wall() - w0));
  }
  return out;
}
""",
    "cpp": """
#include <chrono>
#include <cstdlib>
#include <new>
#include <time.h>
// Every operator new/delete of the program goes through these (array forms call them): live heap
// bytes and their peak, exact and deterministic. A 16-byte header keeps the size and the alignment.
static long long cj_live = 0, cj_peak = 0;
void* operator new(std::size_t n) {
    void* p = std::malloc(n + 16);
    if (!p) throw std::bad_alloc();
    *static_cast<std::size_t*>(p) = n;
    cj_live += (long long)n;
    if (cj_live > cj_peak) cj_peak = cj_live;
    return static_cast<char*>(p) + 16;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    char* b = static_cast<char*>(p) - 16;
    cj_live -= (long long)*reinterpret_cast<std::size_t*>(b);
    std::free(b);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
static long long cj_wall_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch()).count();
}
static long long cj_cpu_ns() {
    timespec ts; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
template <class F> std::vector<long long> cj_time(F f) {
    long long w = cj_wall_ns(); long long n = 0;
    do { f(); n++; } while (n < 100000 && cj_wall_ns() - w < @WARM@LL);
    long long c = cj_wall_ns(); f();
    long long one = std::max(1LL, cj_wall_ns() - c);
    long long reps = std::max(1LL, std::min(@REPS@LL, @SAMPLE@LL / one));
    long long base = cj_live; cj_peak = cj_live; f();
    std::vector<long long> out{reps, cj_peak - base};
    for (int s = 0; s < (one > @LONG@LL ? @LONG_SAMPLES@ : @SAMPLES@); s++) {
        long long c0 = cj_cpu_ns(), w0 = cj_wall_ns();
        for (long long r = 0; r < reps; r++) f();
        out.push_back(cj_cpu_ns() - c0); out.push_back(cj_wall_ns() - w0);
    }
    return out;
}
""",
    "java": """
    static java.util.List<Long> cjTime(Runnable f) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long w = System.nanoTime(); long n = 0;
        do { f.run(); n++; } while (n < 100000 && System.nanoTime() - w < @WARM@L);
        long c = System.nanoTime(); f.run();
        long one = Math.max(1L, System.nanoTime() - c);
        long reps = Math.max(1L, Math.min(@REPS@L, @SAMPLE@L / one));
        java.util.List<Long> out = new java.util.ArrayList<>();
        out.add(reps);
        // bytes this thread allocated during one call (garbage included; see the module doc)
        com.sun.management.ThreadMXBean am = (com.sun.management.ThreadMXBean) mx;
        long mem = Long.MAX_VALUE;
        for (int s = 0; s < (one > @LONG@L ? 1 : @MEM_SAMPLES@); s++) {
            long a0 = am.getCurrentThreadAllocatedBytes(); f.run();
            mem = Math.min(mem, am.getCurrentThreadAllocatedBytes() - a0);
        }
        out.add(Math.max(0L, mem));
        for (int s = 0; s < (one > @LONG@L ? @LONG_SAMPLES@ : @SAMPLES@); s++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            for (long r = 0; r < reps; r++) f.run();
            out.add(mx.getCurrentThreadCpuTime() - c0); out.add(System.nanoTime() - w0);
        }
        return out;
    }
""",
    "go": """
func cjCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func cjTime(f func()) []int64 {
	w := time.Now()
	n := 0
	for {
		f()
		n++
		if n >= 100000 || time.Since(w).Nanoseconds() >= @WARM@ {
			break
		}
	}
	c := time.Now()
	f()
	one := time.Since(c).Nanoseconds()
	if one < 1 {
		one = 1
	}
	reps := int64(@SAMPLE@) / one
	if reps < 1 {
		reps = 1
	}
	if reps > @REPS@ {
		reps = @REPS@
	}
	// bytes the heap allocated during one call (garbage included; see the module doc)
	mem := int64(-1)
	memSamples := @MEM_SAMPLES@
	if one > @LONG@ {
		memSamples = 1
	}
	for s := 0; s < memSamples; s++ {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		f()
		runtime.ReadMemStats(&m1)
		if d := int64(m1.TotalAlloc - m0.TotalAlloc); mem < 0 || d < mem {
			mem = d
		}
	}
	out := []int64{reps, mem}
	samples := @SAMPLES@
	if one > @LONG@ {
		samples = @LONG_SAMPLES@
	}
	for s := 0; s < samples; s++ {
		c0, w0 := cjCPU(), time.Now()
		for r := int64(0); r < reps; r++ {
			f()
		}
		out = append(out, cjCPU()-c0, time.Since(w0).Nanoseconds())
	}
	return out
}
""",
    "rust": """
    #[repr(C)]
    struct CjTs { s: i64, ns: i64 }
    extern "C" { fn clock_gettime(clk: i32, tp: *mut CjTs) -> i32; }
    fn cj_cpu_ns() -> u64 {
        let mut t = CjTs { s: 0, ns: 0 };
        unsafe { clock_gettime(3, &mut t); }  // CLOCK_THREAD_CPUTIME_ID
        (t.s as u64) * 1_000_000_000 + t.ns as u64
    }
    // Every allocation of the program goes through this allocator: live heap bytes and their peak,
    // exact (the layout gives each block's size).
    struct CjAlloc;
    static CJ_LIVE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    static CJ_PEAK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    unsafe impl std::alloc::GlobalAlloc for CjAlloc {
        unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
            use std::sync::atomic::Ordering::Relaxed;
            let p = std::alloc::GlobalAlloc::alloc(&std::alloc::System, l);
            if !p.is_null() {
                let live = CJ_LIVE.fetch_add(l.size() as u64, Relaxed) + l.size() as u64;
                CJ_PEAK.fetch_max(live, Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
            CJ_LIVE.fetch_sub(l.size() as u64, std::sync::atomic::Ordering::Relaxed);
            std::alloc::GlobalAlloc::dealloc(&std::alloc::System, p, l)
        }
    }
    #[global_allocator]
    static CJ_ALLOC: CjAlloc = CjAlloc;
    fn cj_time<T, F: FnMut() -> T>(mut f: F) -> Vec<u64> {
        let w = std::time::Instant::now();
        let mut n = 0u64;
        loop {
            drop(f());
            n += 1;
            if n >= 100000 || w.elapsed().as_nanos() as u64 >= @WARM@ { break; }
        }
        let c = std::time::Instant::now();
        drop(f());
        let one = std::cmp::max(1, c.elapsed().as_nanos() as u64);
        let reps = std::cmp::max(1, std::cmp::min(@REPS@, @SAMPLE@ / one));
        use std::sync::atomic::Ordering::Relaxed;
        let base = CJ_LIVE.load(Relaxed);
        CJ_PEAK.store(base, Relaxed);
        drop(f());
        let mut out = vec![reps, CJ_PEAK.load(Relaxed).saturating_sub(base)];
        let samples = if one > @LONG@ { @LONG_SAMPLES@ } else { @SAMPLES@ };
        for _ in 0..samples {
            let (c0, w0) = (cj_cpu_ns(), std::time::Instant::now());
            for _ in 0..reps { drop(f()); }
            out.push(cj_cpu_ns() - c0);
            out.push(w0.elapsed().as_nanos() as u64);
        }
        out
    }
""",
}


def timing_helper(language: str) -> str:
    """The helper's source for ``language`` with this module's settings filled in."""
    text = _HELPERS[language]
    for k, v in {
        "@WARM@": WARM_NS.get(language, WARM_DEFAULT_NS),
        "@REPS@": REPS_MAX,
        "@SAMPLE@": SAMPLE_NS,
        "@SAMPLES@": SAMPLES,
        "@LONG_SAMPLES@": LONG_SAMPLES,
        "@LONG@": LONG_NS,
        "@MEM_SAMPLES@": MEM_SAMPLES,
    }.items():
        text = text.replace(k, str(v))
    return text


def timed_call(plan: Plan, args: list[Any]) -> str:
    """The expression the timed program emits for one input: the helper around one call."""
    call = call_expression(plan, args)
    lang = plan.language
    if lang == "js":
        return f"__cjTime(() => {call})"
    if lang == "cpp":
        return f"cj_time([&]() {{ {call}; }})"
    if lang == "java":
        return f"Main.cjTime(() -> {call})"
    if lang == "go":
        return f"cjTime(func() {{ {call} }})"
    if lang == "rust":
        return f"cj_time(|| {{ {call} }})"
    raise Unrenderable(f"no timing helper for {lang}")


def per_call(value: Any) -> tuple[float, float, float | None] | None:
    """``[reps, mem, cpu, wall, cpu, wall, ...]`` -> (best CPU ns per call, best wall ns per call,
    memory bytes of one call or None when the helper could not measure it)."""
    if not isinstance(value, list) or len(value) < 4 or len(value) % 2:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return None
    reps, mem = value[0], value[1]
    if reps < 1 or any(v < 0 for v in value[2:]):
        return None
    cpu = [value[k] for k in range(2, len(value), 2)]
    wall = [value[k] for k in range(3, len(value), 2)]
    return min(cpu) / reps, min(wall) / reps, (float(mem) if mem >= 0 else None)


@dataclass
class Timing:
    """One answer's measurements: per round, input id -> (CPU ns, wall ns, memory bytes or None)
    per call."""

    rounds: list[dict[str, tuple[float | None, ...]]] = field(default_factory=list)
    why: str = ""  # set when nothing could be measured
    timed_out: set[str] = field(default_factory=set)  # inputs not finished in CALL_TIMEOUT_S (not rerun)


def measure_round(
    executor: Executor, code: str, plan: Plan, inputs: dict[str, list[Any]], job_id: str
) -> tuple[dict[str, tuple[float | None, ...]], str]:
    """One timed job over ``inputs`` (id -> args in this answer's order): id -> per-call times."""
    calls: dict[str, str] = {}
    for k, args in inputs.items():
        try:
            calls[k] = timed_call(plan, args)
        except (Unrenderable, RecursionError):
            continue
    if not calls:
        return {}, "no ladder input can be written for this answer"
    job = program_job(job_id, code, plan, calls, CALL_TIMEOUT_S, timing_helper(plan.language))
    result = executor.run(job, Limits(timeout_s=CALL_TIMEOUT_S, job_timeout_s=JOB_TIMEOUT_S))
    out: dict[str, tuple[float | None, ...]] = {}
    failed: list[str] = []
    for tr in result.tests:
        if tr.status is TestStatus.TIMEOUT and tr.id in calls:
            out[tr.id] = _UNFINISHED  # a floor, not a measurement
            continue
        if tr.status is not TestStatus.PASSED:
            failed.append(f"{tr.id}: {tr.status.value} {(tr.exception or tr.detail or '')[:80]}".strip())
            continue
        try:
            got = per_call(decode(tr.actual))
        except (NotPlainData, RecursionError):
            got = None
        if got is not None:
            out[tr.id] = got
    return out, ("; ".join(failed[:3]) if not out else "")


def measure_pair(
    executor: Executor,
    sides: list[tuple[str, Plan, dict[str, list[Any]]]],
    rounds: int = ROUNDS,
    job_id: str = "timing",
) -> list[Timing]:
    """Each side measured ``rounds`` times, interleaved (A, B, A, B) so a burst of load on the
    machine falls on both sides alike."""
    out = [Timing() for _ in sides]
    for r in range(rounds):
        for s, (code, plan, inputs) in enumerate(sides):
            # an input this side did not finish is not run again: its floor carries over
            todo = {k: a for k, a in inputs.items() if k not in out[s].timed_out}
            got, why = measure_round(executor, code, plan, todo, f"{job_id}-{s}-r{r}") if todo else ({}, "")
            got.update({k: _UNFINISHED for k in out[s].timed_out})
            out[s].timed_out |= {k for k, m in got.items() if m is _UNFINISHED}
            out[s].rounds.append(got)
            if not got and not out[s].why:
                out[s].why = why or "nothing measured"
    return out


def _us(ns: float) -> str:
    return f"{ns / 1000:.1f} us" if ns < 1e7 else f"{ns / 1e6:.1f} ms"


def _kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


@dataclass(frozen=True)
class Metric:
    """What a round compares: the position in a measurement, the margins, and how to print it."""

    index: int
    ratio: float
    min_apart: float  # per input of the largest rung
    what: str
    unit: Any
    few: str  # "under ... apart"


CPU = Metric(0, RATIO, MIN_NS, "CPU time per call", _us, f"{MIN_NS // 1000} us")
MEMORY = Metric(2, MEM_RATIO, MEM_MIN_BYTES, MEMORY_WHAT, _kib, f"{MEM_MIN_BYTES // 1024} KiB")


def _value(m: tuple[float | None, ...], metric: Metric) -> float | None:
    return m[metric.index] if len(m) > metric.index else None


def compare_round(
    a: dict[str, tuple[float | None, ...]],
    b: dict[str, tuple[float | None, ...]],
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
    metric: Metric = CPU,
) -> tuple[str | None, str]:
    """One round: "A"/"B" when cheaper over the largest rung by ``metric.ratio`` and
    ``metric.min_apart`` per input, with the smaller rungs leaning the same way; else (None, why)."""
    va = {k: x for k, m in a.items() if (x := _value(m, metric)) is not None}
    vb = {k: x for k, m in b.items() if (x := _value(m, metric)) is not None}
    # an input neither answer finished says nothing about which is cheaper
    common = [k for k in va if k in vb and not (va[k] == vb[k] == TIMEOUT_FLOOR_NS and metric is CPU)]
    if not common:
        return None, "no ladder input completed by both answers"
    top = max(sizes.get(k, 0) for k in common)
    tops = [k for k in common if 3 * sizes.get(k, 0) >= top]  # the largest rung (inputs grow unevenly)
    lower = [k for k in common if k not in tops]
    ta, tb = sum(va[k] for k in tops), sum(vb[k] for k in tops)
    detail = (
        f"{labels[0]} {metric.unit(ta / len(tops))} vs {labels[1]} {metric.unit(tb / len(tops))} "
        f"{metric.what} on the {len(tops)} largest input(s)"
    )
    unfinished = [
        f"{name} did not finish {n} of them within {CALL_TIMEOUT_S:g} s (counted as {metric.unit(TIMEOUT_FLOOR_NS)})"
        for name, v in zip(labels, (va, vb))
        if metric is CPU and (n := sum(v[k] == TIMEOUT_FLOOR_NS for k in tops))
    ]
    if unfinished:
        detail += " (" + "; ".join(unfinished) + ")"
    for w, fast, slow in ((labels[0], va, vb), (labels[1], vb, va)):
        # summed over the largest rung: the worst case there dominates (an answer that exits early
        # on inputs full of repeats is not cheaper than one that is linear on every input)
        fast_sum, slow_sum = sum(fast[k] for k in tops), sum(slow[k] for k in tops)
        if slow_sum >= metric.ratio * fast_sum and slow_sum - fast_sum >= metric.min_apart * len(tops):
            # summed too, so a smaller input full of repeats cannot outvote the worst case
            if lower and sum(slow[k] for k in lower) < sum(fast[k] for k in lower):
                return None, f"{detail}, but the smaller inputs lean the other way"
            return w, detail
    gap = [k for k in tops if max(va[k], vb[k]) >= metric.ratio * max(1.0, min(va[k], vb[k]))]
    if len(gap) == len(tops):
        return None, f"{detail}: under {metric.few} apart per call, too little to decide"
    return None, detail


def compare_timing(
    a: dict[str, tuple[float | None, ...]] | Timing,
    b: dict[str, tuple[float | None, ...]] | Timing,
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
    metric: Metric = CPU,
) -> tuple[str | None, str]:
    """Which answer is cheaper in ``metric`` (CPU time, or ``MEMORY``): (its label, why) only when
    every round agrees; (None, why) otherwise."""
    ra = a.rounds if isinstance(a, Timing) else [a]
    rb = b.rounds if isinstance(b, Timing) else [b]
    noun = "time" if metric is CPU else "memory"
    if isinstance(a, Timing) and a.why and not any(ra):
        return None, f"{labels[0]}'s {noun} not measured ({a.why})"
    if isinstance(b, Timing) and b.why and not any(rb):
        return None, f"{labels[1]}'s {noun} not measured ({b.why})"
    verdicts = [compare_round(x, y, sizes, labels, metric) for x, y in zip(ra, rb)]
    winners = {w for w, _ in verdicts}
    details = "; ".join(f"round {k + 1}: {why}" for k, (_, why) in enumerate(verdicts))
    if len(verdicts) >= ROUNDS and len(winners) == 1 and None not in winners:
        (w,) = winners
        return w, f"{w} is cheaper in every round ({details})"
    if len(verdicts) < ROUNDS:
        return None, f"measured in {len(verdicts)} round(s), {ROUNDS} needed ({details})"
    what = "CPU time" if metric is CPU else "memory"
    return None, f"no large, consistent difference in {what} ({details})"


def compare_memory(
    a: dict[str, tuple[float | None, ...]] | Timing,
    b: dict[str, tuple[float | None, ...]] | Timing,
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
) -> tuple[str | None, str]:
    """``compare_timing`` on the memory each call needs (see the module doc for what that is per
    language): ``MEM_RATIO`` times and ``MEM_MIN_BYTES`` per input apart, every round agreeing.

    >>> sizes = {"r0": 10, "r1": 1000}
    >>> lean = Timing([{"r0": (1.0, 1.0, 800.0), "r1": (9.0, 9.0, 24000.0)}] * 2)
    >>> copy = Timing([{"r0": (1.0, 1.0, 1600.0), "r1": (9.0, 9.0, 72000.0)}] * 2)
    >>> compare_memory(lean, copy, sizes)[0], compare_memory(lean, lean, sizes)[0]
    ('A', None)
    """
    return compare_timing(a, b, sizes, labels, MEMORY)


_MEMORY_WORDS = re.compile(
    r"\bmemory\b|\bspace[- ](?:complexity|efficien\w*|usage)\b|\b(?:extra|additional|auxiliary|constant)"
    r" (?:memory|space)\b|\bO\(1\) (?:extra )?space\b|\bin[- ]place\b|\ballocat\w*",
    re.I,
)


def about_memory(*texts: str | None) -> bool:
    """Whether a criterion or instruction asks about memory (then memory is compared before time).

    >>> about_memory("efficiency", "Sort the list in place."), about_memory("efficiency", "a space-separated list")
    (True, False)
    """
    return any(t and _MEMORY_WORDS.search(t) for t in texts)


__all__ = [
    "CPU",
    "MEMORY",
    "Metric",
    "Timing",
    "about_memory",
    "compare_memory",
    "compare_round",
    "compare_timing",
    "measure_pair",
    "per_call",
    "timed_call",
]
