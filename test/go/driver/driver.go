// Copied next to each fixture's main package by test/go/harness.ts: once the fixture's main has
// registered its routes on http.DefaultServeMux, replays the requests listed in
// $AGORA_FIXTURE_REQUESTS against it in-process, prints each response as one JSON line and exits.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"
)

type agoraFixtureRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Body   string `json:"body"`
}

func init() {
	file := os.Getenv("AGORA_FIXTURE_REQUESTS")
	if file == "" {
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		panic(err)
	}
	var requests []agoraFixtureRequest
	if err := json.Unmarshal(data, &requests); err != nil {
		panic(err)
	}
	go agoraFixtureReplay(requests)
}

func agoraFixtureReplay(requests []agoraFixtureRequest) {
	deadline := time.Now().Add(10 * time.Second)
	for _, r := range requests {
		for {
			if _, pattern := http.DefaultServeMux.Handler(httptest.NewRequest(r.Method, r.Path, nil)); pattern != "" {
				break
			}
			if time.Now().After(deadline) {
				fmt.Fprintln(os.Stderr, "no handler registered for", r.Path)
				os.Exit(3)
			}
			time.Sleep(time.Millisecond)
		}
	}
	for _, r := range requests {
		recorder := httptest.NewRecorder()
		http.DefaultServeMux.ServeHTTP(recorder, httptest.NewRequest(r.Method, r.Path, strings.NewReader(r.Body)))
		line, _ := json.Marshal(map[string]interface{}{"agoraResponse": r.Path, "status": recorder.Code, "body": recorder.Body.String()})
		fmt.Println(string(line))
	}
	os.Exit(0)
}
