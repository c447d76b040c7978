// codejudge C++ test runtime (trusted; precompiled into cj_pch.hpp.gch).
// emit(id, f) calls f() (the test's call of the candidate) and writes ONLY the returned
// value, as tagged JSON (codejudge.sandbox.values), on fd 3, prefixed by a per-run nonce
// read from fd 4 before the tests start. The verdict is decided outside the sandbox.
#pragma once
// Few headers, and no C library ones: every name the runtime brings in is visible to the
// candidate too (`using namespace std;`), and <cstring>'s ::strlen, say, would outrank a
// candidate's own strlen(string) for strlen("x"). System calls live in cj_io.cpp (linked).
#include <any>
#include <charconv>
#include <exception>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>
#include <cxxabi.h>

namespace cj_io {
void write_all(const char* data, unsigned long size);  // fd 3, or _exit(121)
unsigned long read_nonce(char* buf, unsigned long size);  // fd 4, then closed
double now();  // monotonic seconds
[[noreturn]] void quit(int code);
void release(void* p);  // free()
}  // namespace cj_io

namespace cj {

inline std::string& nonce_() { static std::string n; return n; }

inline void write_all_(const std::string& s) { cj_io::write_all(s.data(), s.size()); }

inline unsigned long cstrlen_(const char* p) { return std::char_traits<char>::length(p); }

struct unserializable_ { std::string what; };

inline void str_(std::string& o, const char* p, size_t n) {
    static const char* hex = "0123456789abcdef";
    o += '"';
    const unsigned char* s = (const unsigned char*)p;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') { o += '\\'; o += (char)c; i++; continue; }
        if (c < 0x20) { o += "\\u00"; o += hex[c >> 4]; o += hex[c & 15]; i++; continue; }
        if (c < 0x80) { o += (char)c; i++; continue; }
        // keep valid UTF-8 sequences, replace invalid bytes by U+FFFD
        size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = len && i + len <= n;
        for (size_t k = 1; ok && k < len; k++) ok = (s[i + k] >> 6) == 2;
        if (ok) { o.append(p + i, len); i += len; } else { o += "\\ufffd"; i++; }
    }
    o += '"';
}

template <class F> inline void float_(std::string& o, F x) {
    if (x != x) { o += "{\"$float\":\"nan\"}"; return; }
    if (x == std::numeric_limits<F>::infinity()) { o += "{\"$float\":\"inf\"}"; return; }
    if (x == -std::numeric_limits<F>::infinity()) { o += "{\"$float\":\"-inf\"}"; return; }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x);  // shortest round-trip form of this width
    std::string t(buf, r.ptr);
    if (t.find_first_of(".eE") == std::string::npos) t += ".0";
    o += t;
}

template <class T, class = void> struct iterable_ : std::false_type {};
template <class T> struct iterable_<T, std::void_t<decltype(std::begin(std::declval<const T&>())),
                                                   decltype(std::end(std::declval<const T&>()))>> : std::true_type {};
template <class T, class = void> struct mapping_ : std::false_type {};
template <class T> struct mapping_<T, std::void_t<typename T::mapped_type, typename T::key_type>> : std::true_type {};
template <class T, class = void> struct keyed_ : std::false_type {};
template <class T> struct keyed_<T, std::void_t<typename T::key_type>> : std::true_type {};
template <class T> struct pair_ : std::false_type {};
template <class A, class B> struct pair_<std::pair<A, B>> : std::true_type {};
template <class T> struct tuple_ : std::false_type {};
template <class... A> struct tuple_<std::tuple<A...>> : std::true_type {};
template <class T> struct optional_ : std::false_type {};
template <class A> struct optional_<std::optional<A>> : std::true_type {};

template <class T> void enc(std::string& o, const T& v);

inline bool any_(std::string& o, const std::any& a) {
    if (!a.has_value()) { o += "null"; return true; }
#define CJ_ANY(T) if (auto p = std::any_cast<T>(&a)) { enc(o, *p); return true; }
    CJ_ANY(int) CJ_ANY(long) CJ_ANY(long long) CJ_ANY(unsigned) CJ_ANY(unsigned long) CJ_ANY(unsigned long long)
    CJ_ANY(short) CJ_ANY(double) CJ_ANY(float) CJ_ANY(bool) CJ_ANY(char) CJ_ANY(std::string) CJ_ANY(const char*)
    CJ_ANY(std::vector<int>) CJ_ANY(std::vector<double>) CJ_ANY(std::vector<std::string>) CJ_ANY(std::vector<std::any>)
#undef CJ_ANY
    throw unserializable_{std::string("std::any holding ") + a.type().name()};
}

template <class T> void elems_(std::string& o, const T& v) {
    bool first = true;
    for (auto&& x : v) {
        if (!first) o += ',';
        first = false;
        using E = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<E, std::vector<bool>::reference> ||
                      std::is_same_v<E, std::vector<bool>::const_reference>) enc(o, (bool)x);
        else enc(o, x);
    }
}

template <class Tup, size_t... I> void tuple_elems_(std::string& o, const Tup& t, std::index_sequence<I...>) {
    ((o += (I ? "," : ""), enc(o, std::get<I>(t))), ...);
}

template <class T> void enc(std::string& o, const T& v) {
    using U = std::decay_t<T>;
    if constexpr (std::is_same_v<U, bool>) o += v ? "true" : "false";
    else if constexpr (std::is_same_v<U, char>) { char c = v; str_(o, &c, 1); }
    else if constexpr (std::is_integral_v<U>) o += std::to_string(v);
    else if constexpr (std::is_same_v<U, long double>) float_(o, (double)v);
    else if constexpr (std::is_floating_point_v<U>) float_(o, v);
    else if constexpr (std::is_same_v<U, std::string>) str_(o, v.data(), v.size());
    else if constexpr (std::is_same_v<U, std::string_view>) str_(o, v.data(), v.size());
    else if constexpr (std::is_same_v<U, const char*> || std::is_same_v<U, char*>) {
        if (v) str_(o, v, cstrlen_(v)); else o += "null";
    }
    else if constexpr (std::is_array_v<T> && std::is_same_v<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
        str_(o, v, cstrlen_(v));
    }
    else if constexpr (std::is_same_v<U, std::any>) any_(o, v);
    else if constexpr (optional_<U>::value) { if (v) enc(o, *v); else o += "null"; }
    else if constexpr (pair_<U>::value) { o += '['; enc(o, v.first); o += ','; enc(o, v.second); o += ']'; }
    else if constexpr (tuple_<U>::value) {
        o += '['; tuple_elems_(o, v, std::make_index_sequence<std::tuple_size_v<U>>{}); o += ']';
    }
    else if constexpr (mapping_<U>::value) {
        o += "{\"$dict\":[";
        bool first = true;
        for (auto&& kv : v) {
            if (!first) o += ',';
            first = false;
            o += '['; enc(o, kv.first); o += ','; enc(o, kv.second); o += ']';
        }
        o += "]}";
    }
    else if constexpr (keyed_<U>::value && iterable_<U>::value) { o += "{\"$set\":["; elems_(o, v); o += "]}"; }
    else if constexpr (iterable_<U>::value) { o += '['; elems_(o, v); o += ']'; }
    else if constexpr (std::is_same_v<U, std::nullptr_t>) o += "null";
    else throw unserializable_{typeid(U).name()};
}

inline std::string demangle_(const char* name) {
    int status = 0;
    char* d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string s = (status == 0 && d) ? d : name;
    cj_io::release(d);
    return s;
}

inline std::string head_(const char* id) {
    std::string o = nonce_();
    o += " {\"id\":";
    str_(o, id, cstrlen_(id));
    return o;
}

inline void error_(std::string& o, const std::string& type, const std::string& msg) {
    o += ",\"e\":{\"type\":";
    str_(o, type.data(), type.size());
    o += ",\"message\":";
    std::string m = msg.substr(0, 2000);
    str_(o, m.data(), m.size());
    o += '}';
}

// Evaluate one test call; returns true so it can stand where the assertion stood.
template <class F> bool emit(const char* id, F&& f) {
    double t0 = cj_io::now();
    std::string rec = head_(id);
    try {
        std::string val;
        enc(val, f());
        rec += ",\"v\":";
        rec += val;
    } catch (const unserializable_& u) {
        rec += ",\"u\":";
        str_(rec, u.what.data(), u.what.size());
    } catch (const std::bad_alloc&) {
        rec += ",\"m\":1";
    } catch (const std::exception& e) {
        error_(rec, demangle_(typeid(e).name()), e.what());
    } catch (...) {
        error_(rec, "exception", "a non-std exception was thrown");
    }
    double dt = cj_io::now() - t0;
    rec += ",\"t\":" + std::to_string(dt) + "}\n";
    write_all_(rec);
    return true;
}

inline void init() {
    char buf[80];
    unsigned long n = cj_io::read_nonce(buf, sizeof buf);
    std::string s(buf, n);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (s.size() < 16) cj_io::quit(122);  // no nonce: refuse to report anything
    nonce_() = s;
}

inline void end() { write_all_(nonce_() + " {\"id\":\"__end__\"}\n"); }

}  // namespace cj
