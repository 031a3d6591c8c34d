package storeutil

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Migration is one version of a store's schema: a file NNNN_name.sql.
type Migration struct {
	Version int
	Name    string // the file's name, such as 0001_init.sql
	SQL     string
}

// Migrations reads the files migrations/NNNN_name.sql of fsys, a store's
// embedded files, in order, and checks they number 1, 2, 3... with no gap,
// so a store can apply those its database lacks by version alone.
func Migrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for i, path := range names { // Glob sorts, and the numbers are zero-padded
		name := strings.TrimPrefix(path, "migrations/")
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", name, i+1)
		}
		body, err := fs.ReadFile(fsys, path)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(body)})
	}
	return ms, nil
}
