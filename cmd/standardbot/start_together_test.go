package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestStartTogetherOnAnEmptyDataFolder starts three `chat` processes and
// one `serve` at once on a fresh data folder, again and again: every one
// comes up (one builds the search index, the others wait for it and open
// it) and answers.
func TestStartTogetherOnAnEmptyDataFolder(t *testing.T) {
	bin := buildBinary(t)
	rounds := 20
	if testing.Short() {
		rounds = 3
	}
	for round := range rounds {
		dir := t.TempDir()
		env := append(os.Environ(), "STANDARDBOT_DATA_DIR="+dir, "STANDARDBOT_SOURCES=", "OPENAI_API_KEY=", "OPENAI_BASE_URL=")
		var wg sync.WaitGroup
		errs := make(chan string, 4)
		for i := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(bin, "chat", "--channel", fmt.Sprintf("c%d", i))
				cmd.Env = env
				cmd.Stdin = strings.NewReader("how do we make our service accessible?\nquit\n")
				var out, errOut bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errOut
				if err := cmd.Run(); err != nil || !strings.Contains(out.String(), "point 5") {
					errs <- fmt.Sprintf("round %d chat %d: %v\nstdout: %s\nstderr: %s", round, i, err, out.String(), errOut.String())
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if msg := serveComesUp(bin, env); msg != "" {
				errs <- fmt.Sprintf("round %d serve: %s", round, msg)
			}
		}()
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if t.Failed() {
			return
		}
		if n := indexFolders(t, filepath.Join(dir, "index")); n != 1 {
			t.Fatalf("round %d: %d index folders, want 1", round, n)
		}
	}
}

// serveComesUp starts serve, waits for /readyz and stops it; it returns
// what went wrong, or "".
func serveComesUp(bin string, env []string) string {
	addr := freeAddr()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(env, "STANDARDBOT_HTTP_ADDR="+addr)
	var errOut syncBuffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		return err.Error()
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if cmd.ProcessState != nil {
			break
		}
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return ""
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "not ready within 60 s:\n" + errOut.String()
}

func indexFolders(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	return n
}

// freeAddr is a loopback address with a port free a moment ago.
func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
