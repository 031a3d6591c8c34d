package knowledge

import (
	"bytes"
	"embed"
	"fmt"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed standards/*.yaml standards/*.txt guidance/*.yaml
var packs embed.FS

// BuiltinIDs are the standards embedded in the binary, in display order.
var BuiltinIDs = []string{"govuk", "localgov", "dss2015", "nhs", "tcop", "wales"}

// Builtin parses the embedded standards and their mapping.
func Builtin() ([]*Standard, *Mapping, error) {
	var out []*Standard
	for _, id := range BuiltinIDs {
		s, err := parsePack(id)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, s)
	}
	data, err := packs.ReadFile("standards/mapping.yaml")
	if err != nil {
		return nil, nil, fmt.Errorf("read mapping: %w", err)
	}
	var m Mapping
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, nil, fmt.Errorf("parse mapping: %w", err)
	}
	if err := m.Resolve(out); err != nil {
		return nil, nil, err
	}
	return out, &m, nil
}

func parsePack(id string) (*Standard, error) {
	data, err := packs.ReadFile(path.Join("standards", id+".yaml"))
	if err != nil {
		return nil, fmt.Errorf("read standard %s: %w", id, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var s Standard
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("parse standard %s: %w", id, err)
	}
	s.Builtin = true
	for i := range s.Points {
		p := &s.Points[i]
		p.Summary = strings.TrimSpace(p.Summary)
		p.Guidance = strings.TrimSpace(p.Guidance)
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// builtinHash identifies the embedded packs' and guidance's content, so a
// new binary with new texts rebuilds the index.
func builtinHash(h interface{ Write([]byte) (int, error) }) error {
	for _, dir := range []string{"standards", "guidance"} {
		entries, err := packs.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := dir + "/" + e.Name()
			data, err := packs.ReadFile(name)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", name, len(data))
			h.Write(data)
		}
	}
	return nil
}

func synonymData() []byte { return embedded("standards/synonyms.txt") }

// embedded reads a file embedded in the binary; one missing is a build
// mistake.
func embedded(name string) []byte {
	data, err := packs.ReadFile(name)
	if err != nil {
		panic("embedded file missing: " + err.Error())
	}
	return data
}
