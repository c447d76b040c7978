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
(A, B, A, B) agree.
Anything else is a tie, with the reason. Memory is not compared for these languages.

>>> per_call([2, 4000, 5000, 3000, 9000])
(1500.0, 2500.0)
>>> compare_timing({"r0": (1000.0, 1.0)}, {"r0": (9000.0, 1.0)}, {"r0": 100})[0] is None
True
"""

from __future__ import annotations

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
CALL_TIMEOUT_S = 10.0  # one input: warm-up + samples (a slower input is left out of the comparison)
JOB_TIMEOUT_S = 45.0

# The helper each language's timed test program defines; `f` is a closure making one call.
_HELPERS = {
    "js": """
const __cjSink = [null];
function __cjTime(f) {
  const wall = () => Number(process.hrtime.bigint());
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; };
  const w = wall();
  let n = 0;
  do { __cjSink[0] = f(); n++; } while (n < 100000 && wall() - w < @WARM@);
  const c = wall(); __cjSink[0] = f();
  const one = Math.max(1, wall() - c);
  const reps = Math.max(1, Math.min(@REPS@, Math.floor(@SAMPLE@ / one)));
  const out = [reps];
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
#include <time.h>
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
    std::vector<long long> out{reps};
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
	out := []int64{reps}
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
        let mut out = vec![reps];
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


def per_call(value: Any) -> tuple[float, float] | None:
    """``[reps, cpu, wall, cpu, wall, ...]`` -> (best CPU ns per call, best wall ns per call)."""
    if not isinstance(value, list) or len(value) < 3 or len(value) % 2 == 0:
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in value):
        return None
    reps = value[0]
    if reps < 1:
        return None
    cpu = [value[k] for k in range(1, len(value), 2)]
    wall = [value[k] for k in range(2, len(value), 2)]
    return min(cpu) / reps, min(wall) / reps


@dataclass
class Timing:
    """One answer's measurements: per round, input id -> (CPU ns, wall ns) per call."""

    rounds: list[dict[str, tuple[float, float]]] = field(default_factory=list)
    why: str = ""  # set when nothing could be measured


def measure_round(
    executor: Executor, code: str, plan: Plan, inputs: dict[str, list[Any]], job_id: str
) -> tuple[dict[str, tuple[float, float]], str]:
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
    out: dict[str, tuple[float, float]] = {}
    failed: list[str] = []
    for tr in result.tests:
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
            got, why = measure_round(executor, code, plan, inputs, f"{job_id}-{s}-r{r}")
            out[s].rounds.append(got)
            if not got and not out[s].why:
                out[s].why = why or "nothing measured"
    return out


def _us(ns: float) -> str:
    return f"{ns / 1000:.1f} us" if ns < 1e7 else f"{ns / 1e6:.1f} ms"


def compare_round(
    a: dict[str, tuple[float, float]],
    b: dict[str, tuple[float, float]],
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
) -> tuple[str | None, str]:
    """One round: "A"/"B" when cheaper over the largest rung by ``RATIO`` and ``MIN_NS``, with the
    smaller rungs leaning the same way (median ratio); else (None, why)."""
    common = [k for k in a if k in b]
    if not common:
        return None, "no ladder input completed by both answers"
    top = max(sizes.get(k, 0) for k in common)
    tops = [k for k in common if 3 * sizes.get(k, 0) >= top]  # the largest rung (inputs grow unevenly)
    lower = [k for k in common if k not in tops]
    ta, tb = sum(a[k][0] for k in tops), sum(b[k][0] for k in tops)
    detail = (
        f"{labels[0]} {_us(ta / len(tops))} vs {labels[1]} {_us(tb / len(tops))} CPU time per call "
        f"on the {len(tops)} largest input(s)"
    )
    for w, fast, slow in ((labels[0], a, b), (labels[1], b, a)):
        # summed over the largest rung: the worst case there dominates (an answer that exits early
        # on inputs full of repeats is not cheaper than one that is linear on every input)
        fast_sum, slow_sum = sum(fast[k][0] for k in tops), sum(slow[k][0] for k in tops)
        if slow_sum >= RATIO * fast_sum and slow_sum - fast_sum >= MIN_NS * len(tops):
            # summed too, so a smaller input full of repeats cannot outvote the worst case
            if lower and sum(slow[k][0] for k in lower) < sum(fast[k][0] for k in lower):
                return None, f"{detail}, but the smaller inputs lean the other way"
            return w, detail
    gap = [k for k in tops if max(a[k][0], b[k][0]) >= RATIO * max(1.0, min(a[k][0], b[k][0]))]
    if len(gap) == len(tops):
        return None, f"{detail}: under {MIN_NS // 1000} us apart per call, too little to decide"
    return None, detail


def compare_timing(
    a: dict[str, tuple[float, float]] | Timing,
    b: dict[str, tuple[float, float]] | Timing,
    sizes: dict[str, int],
    labels: tuple[str, str] = ("A", "B"),
) -> tuple[str | None, str]:
    """Which answer is cheaper: (its label, why) only when every round agrees; (None, why) otherwise."""
    ra = a.rounds if isinstance(a, Timing) else [a]
    rb = b.rounds if isinstance(b, Timing) else [b]
    if isinstance(a, Timing) and a.why and not any(ra):
        return None, f"{labels[0]}'s time not measured ({a.why})"
    if isinstance(b, Timing) and b.why and not any(rb):
        return None, f"{labels[1]}'s time not measured ({b.why})"
    verdicts = [compare_round(x, y, sizes, labels) for x, y in zip(ra, rb)]
    winners = {w for w, _ in verdicts}
    details = "; ".join(f"round {k + 1}: {why}" for k, (_, why) in enumerate(verdicts))
    if len(verdicts) >= ROUNDS and len(winners) == 1 and None not in winners:
        (w,) = winners
        return w, f"{w} is cheaper in every round ({details})"
    if len(verdicts) < ROUNDS:
        return None, f"measured in {len(verdicts)} round(s), {ROUNDS} needed ({details})"
    return None, f"no large, consistent difference in CPU time ({details})"


__all__ = ["Timing", "compare_round", "compare_timing", "measure_pair", "per_call", "timed_call"]
