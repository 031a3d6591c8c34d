package source

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
)

// sourcesHint ends errors about a path, saying where the user set it.
const sourcesHint = "check the path in --source or STANDARDBOT_SOURCES"

// sourceError is a source that could not be loaded: which one, what went
// wrong in words a user can act on, and the cause for errors.Is.
type sourceError struct {
	spec string
	msg  string
	err  error
}

func (e *sourceError) Error() string { return "source " + strconv.Quote(e.spec) + ": " + e.msg }

func (e *sourceError) Unwrap() error { return e.err }

// fileError explains a failed file operation. The *PathError is unwrapped
// for the message because its own text repeats the path.
func fileError(spec string, err error) error {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	hint := sourcesHint
	if errors.Is(err, fs.ErrPermission) {
		hint = "check the file's permissions"
	}
	return &sourceError{spec: spec, msg: cause.Error() + " (" + hint + ")", err: err}
}

func tooLargeError(spec string, limit int64) error {
	return &sourceError{spec: spec, msg: "larger than " + limitText(limit) + " limit (split it into smaller documents)"}
}

// limitText writes a limit the way people say it: "10 MiB", "512 KiB".
func limitText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// fallbackError says what was done about a source that could not be read.
func fallbackError(err error, usedKept bool) error {
	if usedKept {
		return fmt.Errorf("%w; using the copy kept from the last time it was read", err)
	}
	return fmt.Errorf("%w; left out for now", err)
}
