//! codejudge Rust test runtime (trusted; compiled once per toolchain as the `cj_rt` crate).
//! `emit(id, f)` calls `f` (the test's call of the candidate) and writes ONLY the returned value,
//! as tagged JSON (codejudge.sandbox.values), on fd 3, prefixed by a per-run nonce read from
//! fd 4 before the tests start. The verdict is decided outside the sandbox.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::io::FromRawFd;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::Instant;

static STATE: Mutex<Option<(String, File)>> = Mutex::new(None);

/// A value that crosses the sandbox boundary as tagged JSON.
pub trait CjEncode {
    fn cj_enc(&self, o: &mut String);
}

pub fn str_(o: &mut String, s: &str) {
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
}

fn float_(o: &mut String, x: f64, text: String) {
    if x.is_nan() {
        o.push_str("{\"$float\":\"nan\"}");
    } else if x.is_infinite() {
        o.push_str(if x > 0.0 { "{\"$float\":\"inf\"}" } else { "{\"$float\":\"-inf\"}" });
    } else {
        // {:?}: the shortest text that reads back as this value (of its own width)
        o.push_str(&text);
        if !text.contains(|c| c == '.' || c == 'e' || c == 'E') {
            o.push_str(".0");
        }
    }
}

macro_rules! ints {
    ($($t:ty),*) => { $(impl CjEncode for $t { fn cj_enc(&self, o: &mut String) { let _ = write!(o, "{}", self); } })* };
}
ints!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl CjEncode for f32 {
    fn cj_enc(&self, o: &mut String) { float_(o, *self as f64, format!("{:?}", self)) }
}
impl CjEncode for f64 {
    fn cj_enc(&self, o: &mut String) { float_(o, *self, format!("{:?}", self)) }
}
impl CjEncode for bool {
    fn cj_enc(&self, o: &mut String) { o.push_str(if *self { "true" } else { "false" }) }
}
impl CjEncode for char {
    fn cj_enc(&self, o: &mut String) { str_(o, &self.to_string()) }
}
impl CjEncode for str {
    fn cj_enc(&self, o: &mut String) { str_(o, self) }
}
impl CjEncode for String {
    fn cj_enc(&self, o: &mut String) { str_(o, self) }
}
impl CjEncode for () {
    fn cj_enc(&self, o: &mut String) { o.push_str("null") }
}
impl<T: CjEncode + ?Sized> CjEncode for &T {
    fn cj_enc(&self, o: &mut String) { (**self).cj_enc(o) }
}
impl<T: CjEncode + ?Sized> CjEncode for &mut T {
    fn cj_enc(&self, o: &mut String) { (**self).cj_enc(o) }
}
impl<T: CjEncode + ?Sized> CjEncode for Box<T> {
    fn cj_enc(&self, o: &mut String) { (**self).cj_enc(o) }
}
impl<T: CjEncode> CjEncode for Option<T> {
    fn cj_enc(&self, o: &mut String) {
        match self {
            Some(v) => v.cj_enc(o),
            None => o.push_str("null"),
        }
    }
}

fn seq<'a, T: CjEncode + 'a>(o: &mut String, it: impl Iterator<Item = &'a T>) {
    o.push('[');
    for (i, x) in it.enumerate() {
        if i > 0 {
            o.push(',');
        }
        x.cj_enc(o);
    }
    o.push(']');
}

impl<T: CjEncode> CjEncode for [T] {
    fn cj_enc(&self, o: &mut String) { seq(o, self.iter()) }
}
impl<T: CjEncode, const N: usize> CjEncode for [T; N] {
    fn cj_enc(&self, o: &mut String) { seq(o, self.iter()) }
}
impl<T: CjEncode> CjEncode for Vec<T> {
    fn cj_enc(&self, o: &mut String) { seq(o, self.iter()) }
}
impl<T: CjEncode> CjEncode for VecDeque<T> {
    fn cj_enc(&self, o: &mut String) { seq(o, self.iter()) }
}

fn set<'a, T: CjEncode + 'a>(o: &mut String, it: impl Iterator<Item = &'a T>) {
    o.push_str("{\"$set\":");
    seq(o, it);
    o.push('}');
}
impl<T: CjEncode, S> CjEncode for HashSet<T, S> {
    fn cj_enc(&self, o: &mut String) { set(o, self.iter()) }
}
impl<T: CjEncode> CjEncode for BTreeSet<T> {
    fn cj_enc(&self, o: &mut String) { set(o, self.iter()) }
}

fn dict<'a, K: CjEncode + 'a, V: CjEncode + 'a>(o: &mut String, it: impl Iterator<Item = (&'a K, &'a V)>) {
    o.push_str("{\"$dict\":[");
    for (i, (k, v)) in it.enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push('[');
        k.cj_enc(o);
        o.push(',');
        v.cj_enc(o);
        o.push(']');
    }
    o.push_str("]}");
}
impl<K: CjEncode, V: CjEncode, S> CjEncode for HashMap<K, V, S> {
    fn cj_enc(&self, o: &mut String) { dict(o, self.iter()) }
}
impl<K: CjEncode, V: CjEncode> CjEncode for BTreeMap<K, V> {
    fn cj_enc(&self, o: &mut String) { dict(o, self.iter()) }
}

macro_rules! tuples {
    ($(($($n:tt $t:ident),+)),*) => {
        $(impl<$($t: CjEncode),+> CjEncode for ($($t,)+) {
            fn cj_enc(&self, o: &mut String) {
                o.push('[');
                $( if $n > 0 { o.push(','); } self.$n.cj_enc(o); )+
                o.push(']');
            }
        })*
    };
}
tuples!((0 A), (0 A, 1 B), (0 A, 1 B, 2 C), (0 A, 1 B, 2 C, 3 D), (0 A, 1 B, 2 C, 3 D, 4 E));

fn write_line(line: &str) {
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    match st.as_mut() {
        Some((_, f)) => {
            if f.write_all(line.as_bytes()).is_err() {
                std::process::exit(121);
            }
        }
        None => std::process::exit(122),
    }
}

fn nonce() -> String {
    let st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    match st.as_ref() {
        Some((n, _)) => n.clone(),
        None => std::process::exit(122),
    }
}

pub fn init() {
    // SAFETY: fds 3 and 4 are set up by codejudge's supervisor for this program alone.
    let mut input = unsafe { File::from_raw_fd(4) };
    let mut buf = Vec::new();
    let _ = Read::by_ref(&mut input).take(80).read_to_end(&mut buf);
    drop(input);
    let s = String::from_utf8_lossy(&buf).trim().to_string();
    if s.len() < 16 {
        std::process::exit(122);
    }
    let out = unsafe { File::from_raw_fd(3) };
    *STATE.lock().unwrap_or_else(|e| e.into_inner()) = Some((s, out));
}

/// Evaluate one test call; returns true so it can stand where the assertion stood.
pub fn emit<T: CjEncode, F: FnOnce() -> T>(id: &str, f: F) -> bool {
    let t0 = Instant::now();
    let mut rec = nonce();
    rec.push_str(" {\"id\":");
    str_(&mut rec, id);
    match catch_unwind(AssertUnwindSafe(|| {
        let mut val = String::new();
        f().cj_enc(&mut val);
        val
    })) {
        Ok(val) => {
            rec.push_str(",\"v\":");
            rec.push_str(&val);
        }
        Err(payload) => {
            let msg = if let Some(s) = payload.downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "panic".to_string()
            };
            let msg: String = msg.chars().take(2000).collect();
            rec.push_str(",\"e\":{\"type\":\"panic\",\"message\":");
            str_(&mut rec, &msg);
            rec.push('}');
        }
    }
    let _ = write!(rec, ",\"t\":{:.6}}}\n", t0.elapsed().as_secs_f64());
    write_line(&rec);
    true
}

pub fn end() {
    let line = format!("{} {{\"id\":\"__end__\"}}\n", nonce());
    write_line(&line);
}
