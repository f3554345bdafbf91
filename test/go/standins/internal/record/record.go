// Package record prints one JSON line per builder call: the function, its arguments and the clock.
package record

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

var (
	mu    sync.Mutex
	calls int
)

// Call records a builder call and returns a placeholder token, numbered per process.
func Call(function string, args ...interface{}) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	calls++
	line, err := json.Marshal(map[string]interface{}{"agoraCall": function, "args": args, "nowMs": time.Now().UnixMilli()})
	if err != nil {
		return "", err
	}
	fmt.Println(string(line))
	return fmt.Sprintf("standin-token-%d", calls), nil
}
