// codejudge Go test runtime (trusted), compiled into package main beside the candidate.
// cjEmit(id, f) calls f (the test's call of the candidate) and writes ONLY the returned value,
// as tagged JSON (codejudge.sandbox.values), on fd 3, prefixed by a per-run nonce read from
// fd 4 before the tests start. The verdict is decided outside the sandbox.
package main

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var cjNonce string
var cjOut *os.File

func cjInit() {
	in := os.NewFile(4, "cj-nonce")
	buf := make([]byte, 80)
	n := 0
	for n < len(buf) {
		k, err := in.Read(buf[n:])
		n += k
		if err != nil || k == 0 {
			break
		}
	}
	in.Close()
	s := strings.TrimSpace(string(buf[:n]))
	if len(s) < 16 {
		os.Exit(122)
	}
	cjNonce = s
	cjOut = os.NewFile(3, "cj-records")
}

func cjWrite(s string) {
	if _, err := cjOut.Write([]byte(s)); err != nil {
		os.Exit(121)
	}
}

type cjUnserializable struct{ what string }

func cjStr(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString("\\ufffd")
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

func cjFloat(b *strings.Builder, f float64, bits int) {
	switch {
	case f != f:
		b.WriteString(`{"$float":"nan"}`)
	case f > 1.7976931348623157e308:
		b.WriteString(`{"$float":"inf"}`)
	case f < -1.7976931348623157e308:
		b.WriteString(`{"$float":"-inf"}`)
	default:
		t := strconv.FormatFloat(f, 'g', -1, bits) // the shortest text that reads back as this value
		if !strings.ContainsAny(t, ".eE") {
			t += ".0"
		}
		b.WriteString(t)
	}
}

func cjEnc(b *strings.Builder, v reflect.Value, depth int) {
	if depth > 200 {
		panic(cjUnserializable{"nested deeper than 200 levels"})
	}
	switch v.Kind() {
	case reflect.Invalid:
		b.WriteString("null")
	case reflect.Bool:
		if v.Bool() {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32:
		cjFloat(b, v.Float(), 32)
	case reflect.Float64:
		cjFloat(b, v.Float(), 64)
	case reflect.String:
		cjStr(b, v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("null") // testify's Equal tells a nil slice from an empty one
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			cjEnc(b, v.Index(i), depth+1)
		}
		b.WriteByte(']')
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		b.WriteString(`{"$dict":[`)
		it := v.MapRange()
		first := true
		for it.Next() {
			if !first {
				b.WriteByte(',')
			}
			first = false
			b.WriteByte('[')
			cjEnc(b, it.Key(), depth+1)
			b.WriteByte(',')
			cjEnc(b, it.Value(), depth+1)
			b.WriteByte(']')
		}
		b.WriteString("]}")
	case reflect.Ptr, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		cjEnc(b, v.Elem(), depth+1)
	default:
		panic(cjUnserializable{v.Type().String()})
	}
}

func cjHead(id string) *strings.Builder {
	b := &strings.Builder{}
	b.WriteString(cjNonce)
	b.WriteString(` {"id":`)
	cjStr(b, id)
	return b
}

func cjCall(f func() any) (val string, kind string, msg string) {
	defer func() {
		if r := recover(); r != nil {
			if u, ok := r.(cjUnserializable); ok {
				kind, msg = "u", u.what
				return
			}
			kind = "e"
			msg = fmt.Sprint(r)
			if e, ok := r.(error); ok {
				msg = e.Error()
			}
		}
	}()
	v := f()
	b := &strings.Builder{}
	cjEnc(b, reflect.ValueOf(v), 0)
	return b.String(), "v", ""
}

// cjEmit evaluates one test call; it returns true so it can stand where the assertion stood.
func cjEmit(id string, f func() any) bool {
	t0 := time.Now()
	val, kind, msg := cjCall(f)
	b := cjHead(id)
	switch kind {
	case "v":
		b.WriteString(`,"v":`)
		b.WriteString(val)
	case "u":
		b.WriteString(`,"u":`)
		cjStr(b, msg)
	default:
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		b.WriteString(`,"e":{"type":"panic","message":`)
		cjStr(b, msg)
		b.WriteString("}")
	}
	b.WriteString(`,"t":`)
	b.WriteString(strconv.FormatFloat(time.Since(t0).Seconds(), 'f', 6, 64))
	b.WriteString("}\n")
	cjWrite(b.String())
	return true
}

func cjEnd() {
	cjWrite(cjNonce + " {\"id\":\"__end__\"}\n")
}
