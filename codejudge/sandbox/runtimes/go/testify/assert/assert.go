// Package assert: codejudge's stand-in for the part of github.com/stretchr/testify/assert
// that HumanEvalPack's Go tests use (New, Equal). Used only for tests that run by exit status;
// equality follows testify's ObjectsAreEqual (reflect.DeepEqual, []byte by content).
package assert

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

type Assertions struct{ t *testing.T }

func New(t *testing.T) *Assertions { return &Assertions{t} }

func ObjectsAreEqual(expected, actual interface{}) bool {
	if expected == nil || actual == nil {
		return expected == actual
	}
	e, eok := expected.([]byte)
	a, aok := actual.([]byte)
	if eok && aok {
		return bytes.Equal(e, a) && (e == nil) == (a == nil)
	}
	return reflect.DeepEqual(expected, actual)
}

func fail(format string, args ...interface{}) bool {
	panic(fmt.Sprintf(format, args...))
}

func (a *Assertions) Equal(expected, actual interface{}, msg ...interface{}) bool {
	if !ObjectsAreEqual(expected, actual) {
		return fail("assert.Equal failed: expected %#v, actual %#v", expected, actual)
	}
	return true
}

func (a *Assertions) NotEqual(expected, actual interface{}, msg ...interface{}) bool {
	if ObjectsAreEqual(expected, actual) {
		return fail("assert.NotEqual failed: both %#v", actual)
	}
	return true
}

func (a *Assertions) True(value bool, msg ...interface{}) bool {
	if !value {
		return fail("assert.True failed")
	}
	return true
}

func (a *Assertions) False(value bool, msg ...interface{}) bool {
	if value {
		return fail("assert.False failed")
	}
	return true
}

func Equal(t *testing.T, expected, actual interface{}, msg ...interface{}) bool {
	return New(t).Equal(expected, actual, msg...)
}
