package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func get(t *testing.T, h http.Handler, path string) (int, map[string]string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s: body is not JSON: %v", path, err)
	}
	return rec.Code, body
}

func TestHealthz(t *testing.T) {
	var ready atomic.Bool
	code, body := get(t, newHandler(&ready), "/healthz")
	if code != http.StatusOK || body["status"] != "ok" {
		t.Fatalf("GET /healthz = %d %v", code, body)
	}
}

func TestReadyzFollowsReadiness(t *testing.T) {
	var ready atomic.Bool
	h := newHandler(&ready)
	if code, _ := get(t, h, "/readyz"); code != http.StatusServiceUnavailable {
		t.Fatalf("not ready: GET /readyz = %d, want 503", code)
	}
	ready.Store(true)
	if code, _ := get(t, h, "/readyz"); code != http.StatusOK {
		t.Fatalf("ready: GET /readyz = %d, want 200", code)
	}
}

func TestRootAndNotFound(t *testing.T) {
	var ready atomic.Bool
	h := newHandler(&ready)
	if code, body := get(t, h, "/"); code != http.StatusOK || body["service"] != serviceName {
		t.Fatalf("GET / = %d %v", code, body)
	}
	if code, _ := get(t, h, "/nope"); code != http.StatusNotFound {
		t.Fatalf("GET /nope = %d, want 404", code)
	}
}
