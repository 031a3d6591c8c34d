package main

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/joho/godotenv"
	"go.yaml.in/yaml/v3"
)

// No Docker engine runs where the tests do, so these tests read the
// Dockerfile, .dockerignore, .env.example and deploy/compose.yaml and
// check what an operator relies on.

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct{ cmd, args string }

// finalStage is the instructions of the Dockerfile's last stage: the image.
func finalStage(t *testing.T) []instruction {
	t.Helper()
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur string
	for line := range strings.SplitSeq(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur == "" && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur += strings.TrimSuffix(trimmed, "\\") + " "
			continue
		}
		cur += trimmed
		cmd, args, _ := strings.Cut(cur, " ")
		cmd = strings.ToUpper(cmd)
		if cmd == "FROM" {
			out = nil
		}
		out = append(out, instruction{cmd, strings.TrimSpace(args)})
		cur = ""
	}
	return out
}

func TestDockerImage(t *testing.T) {
	stage := finalStage(t)
	get := func(cmd string) []string {
		var args []string
		for _, in := range stage {
			if in.cmd == cmd {
				args = append(args, in.args)
			}
		}
		return args
	}
	var entrypoint []string
	if e := get("ENTRYPOINT"); len(e) != 1 || json.Unmarshal([]byte(e[0]), &entrypoint) != nil || len(entrypoint) != 1 {
		t.Fatalf("ENTRYPOINT %q, want the binary in exec form", e)
	}

	t.Run("health check runs the binary's healthcheck", func(t *testing.T) {
		hc := get("HEALTHCHECK")
		if len(hc) != 1 {
			t.Fatalf("HEALTHCHECK instructions: %q, want one", hc)
		}
		_, cmd, ok := strings.Cut(hc[0], "CMD ")
		var argv []string
		if !ok || json.Unmarshal([]byte(strings.TrimSpace(cmd)), &argv) != nil {
			t.Fatalf("HEALTHCHECK %q: want CMD in exec form (the image has no shell)", hc[0])
		}
		if len(argv) < 2 || argv[0] != entrypoint[0] || argv[1] != "healthcheck" {
			t.Errorf("HEALTHCHECK runs %q, want %s healthcheck", argv, entrypoint[0])
		}
		if usageOf("healthcheck") == "" {
			t.Error("the binary has no healthcheck command")
		}
		if !strings.Contains(hc[0], "--start-period=") {
			t.Errorf("HEALTHCHECK %q has no start period: building the index on a fresh volume would count as failures", hc[0])
		}
	})
	t.Run("runs as a non-root user", func(t *testing.T) {
		users := get("USER")
		from := get("FROM")
		if len(users) == 0 {
			t.Fatalf("no USER in the final stage (FROM %q)", from)
		}
		user, _, _ := strings.Cut(users[len(users)-1], ":")
		if user == "root" || user == "0" {
			t.Errorf("USER %q, want a non-root user", users[len(users)-1])
		}
	})
	t.Run("keeps its data in the /data volume", func(t *testing.T) {
		if v := get("VOLUME"); len(v) != 1 || !strings.Contains(v[0], `"/data"`) {
			t.Errorf("VOLUME %q, want /data", v)
		}
		env := strings.Join(get("ENV"), " ")
		if !regexp.MustCompile(`\bSTANDARDBOT_DATA_DIR=/data\b`).MatchString(env) {
			t.Errorf("ENV %q does not set STANDARDBOT_DATA_DIR=/data", env)
		}
		copied := strings.Join(get("COPY"), "\n")
		if !strings.Contains(copied, "--chown=nonroot:nonroot") || !strings.Contains(copied, " /data") {
			t.Errorf("COPY %q: /data must belong to the user the bot runs as", copied)
		}
	})
	t.Run("exposes the port serve listens on", func(t *testing.T) {
		env := strings.Join(get("ENV"), " ")
		m := regexp.MustCompile(`STANDARDBOT_HTTP_ADDR=:(\d+)`).FindStringSubmatch(env)
		if m == nil || !slices.Contains(get("EXPOSE"), m[1]) {
			t.Errorf("ENV %q, EXPOSE %q: want the port of STANDARDBOT_HTTP_ADDR exposed", env, get("EXPOSE"))
		}
	})
}

// dockerignored reports whether .dockerignore's patterns keep name (a
// slash-separated path in the build context) out, as Docker reads them:
// each pattern from the context's root, a later "!" pattern letting a path
// back in, a directory's pattern covering what is under it.
func dockerignored(patterns []string, name string) bool {
	ignored := false
	for _, p := range patterns {
		keep := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(strings.Trim(strings.TrimPrefix(p, "!"), "/"), "/")
		match := false
		for dir := name; dir != "." && dir != "/" && !match; dir = path.Dir(dir) {
			match = globMatch(p, dir)
		}
		if match {
			ignored = !keep
		}
	}
	return ignored
}

// globMatch is path.Match with Docker's "**/" (any number of folders).
func globMatch(pattern, name string) bool {
	if rest, ok := strings.CutPrefix(pattern, "**/"); ok {
		parts := strings.Split(name, "/")
		for i := range parts {
			if globMatch(rest, strings.Join(parts[i:], "/")) {
				return true
			}
		}
		return false
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

func TestDockerignore(t *testing.T) {
	b, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for line := range strings.SplitSeq(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	for _, name := range []string{".env", ".env.production", ".git", ".git/config", "standardbot-data", "standardbot-data/standardbot.db", "cmd/standardbot/standardbot-data/index"} {
		if !dockerignored(patterns, name) {
			t.Errorf("%s goes into the build context", name)
		}
	}
	// What the build needs: the module, the main package and everything
	// the binary embeds.
	need := []string{"go.mod", "go.sum", "cmd/standardbot/main.go", ".env.example"}
	err = filepath.WalkDir("../..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range regexp.MustCompile(`(?m)^//go:embed (.+)$`).FindAllStringSubmatch(string(src), -1) {
			for _, g := range strings.Fields(m[1]) {
				rel, _ := filepath.Rel("../..", filepath.Join(filepath.Dir(p), g))
				need = append(need, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range need {
		if dockerignored(patterns, name) {
			t.Errorf("%s is left out of the build context, but the build needs it", name)
		}
	}
}

// TestEnvExampleKeepsDataInTheVolume runs the example .env as `docker run
// --env-file .env` does on the image: the file's values over the image's
// ENV. The data must stay in /data, and every line must mean the same to
// Docker (no quotes, no comments after a value) as to the bot.
func TestEnvExampleKeepsDataInTheVolume(t *testing.T) {
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || !regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`).MatchString(key) || strings.ContainsAny(value, `"'`) || strings.Contains(value, " #") {
			t.Errorf(".env.example line %d %q: Docker's --env-file reads KEY=value, taken literally", i+1, line)
		}
	}
	example, err := godotenv.Read("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	image := map[string]string{}
	for _, in := range finalStage(t) {
		if in.cmd == "ENV" {
			for _, kv := range strings.Fields(in.args) {
				if k, v, ok := strings.Cut(kv, "="); ok {
					image[k] = v
				}
			}
		}
	}
	clearConfigEnv(t)
	t.Chdir(t.TempDir())
	for k, v := range image {
		t.Setenv(k, v)
	}
	for k, v := range example {
		t.Setenv(k, v)
	}
	cfg, err := loadConfig()
	if err != nil {
		t.Fatalf("the image with .env.example: %v", err)
	}
	if cfg.DataDir != "/data" {
		t.Errorf("data folder %q with .env.example, want the image's /data", cfg.DataDir)
	}
	if db, ok := strings.CutPrefix(cfg.Database, "sqlite:"); ok && !strings.HasPrefix(filepath.Clean(db), "/data/") {
		t.Errorf("database %q with .env.example, want it in /data", cfg.Database)
	}
}

// clearConfigEnv unsets, for one test, every variable the bot reads, so a
// developer's own environment does not leak in.
func clearConfigEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "STANDARDBOT_") || strings.HasPrefix(k, "SLACK_") || strings.HasPrefix(k, "TEAMS_") || strings.HasPrefix(k, "OPENAI_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
}

// composeService is what the test reads of a service in compose.yaml.
type composeService struct {
	Image       string
	Build       any
	Command     any
	Environment map[string]string
	Volumes     []string
	Ports       []string
	DependsOn   map[string]struct{ Condition string } `yaml:"depends_on"`
	Healthcheck struct{ Test []string }
}

func TestComposeRunsPostgresAndTwoReplicas(t *testing.T) {
	b, err := os.ReadFile("../../deploy/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]composeService
		Volumes  map[string]any
	}
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	pg, ok := c.Services["postgres"]
	if !ok || !strings.HasPrefix(pg.Image, "postgres:") || len(pg.Healthcheck.Test) == 0 || !strings.Contains(strings.Join(pg.Healthcheck.Test, " "), "pg_isready") {
		t.Fatalf("postgres service %+v: want a postgres image with a pg_isready health check", pg)
	}
	if pg.Environment["POSTGRES_PASSWORD"] == "" || len(pg.Ports) > 0 {
		t.Errorf("postgres: password %q, ports %q: want a password and no published port", pg.Environment["POSTGRES_PASSWORD"], pg.Ports)
	}
	var replicas []string
	dataVolumes := map[string]string{}
	for name, s := range c.Services {
		if name == "postgres" {
			continue
		}
		replicas = append(replicas, name)
		t.Run(name, func(t *testing.T) {
			if s.Build == nil || s.Command != nil {
				t.Errorf("build %v, command %v: want the repository's image running its default command, serve", s.Build, s.Command)
			}
			db := s.Environment["STANDARDBOT_DATABASE"]
			if !strings.HasPrefix(db, "postgres://") || !strings.Contains(db, "@postgres:5432/") {
				t.Errorf("STANDARDBOT_DATABASE %q, want the postgres service's URL", db)
			}
			if s.Environment["STANDARDBOT_DATA_DIR"] != "/data" {
				t.Errorf("STANDARDBOT_DATA_DIR %q, want /data (over anything in .env)", s.Environment["STANDARDBOT_DATA_DIR"])
			}
			if s.DependsOn["postgres"].Condition != "service_healthy" {
				t.Errorf("depends_on %+v, want postgres healthy first", s.DependsOn)
			}
			if hc := s.Healthcheck.Test; len(hc) < 3 || hc[0] != "CMD" || !strings.HasSuffix(hc[1], "/standardbot") || hc[2] != "healthcheck" {
				t.Errorf("healthcheck %q, want [CMD .../standardbot healthcheck]", hc)
			}
			for _, v := range s.Volumes {
				if src, dst, _ := strings.Cut(v, ":"); dst == "/data" {
					if other, taken := dataVolumes[src]; taken {
						t.Errorf("volume %s is /data of both %s and %s: each replica needs its own", src, other, name)
					}
					if _, named := c.Volumes[src]; !named {
						t.Errorf("volume %s is not a named volume", src)
					}
					dataVolumes[src] = name
				}
			}
			if !slices.ContainsFunc(s.Volumes, func(v string) bool { return strings.HasSuffix(v, ":/data") }) {
				t.Errorf("volumes %q: want one at /data", s.Volumes)
			}
		})
	}
	if len(replicas) != 2 {
		t.Errorf("replicas %q, want two serve replicas beside postgres", replicas)
	}
}
