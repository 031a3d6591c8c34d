package checklist

import (
	"errors"
	"fmt"
)

// Error codes, after the WTF Dial: a small set the adapters can map to
// platform responses, each error carrying a message for the user.
const (
	ECONFLICT = "conflict"  // already exists: a duplicate name, a bound channel
	EINTERNAL = "internal"  // a fault the user cannot fix
	EINVALID  = "invalid"   // bad input
	ENOTFOUND = "not_found" // no such project, point or walk
)

// Error is a domain error: a code and a one-line message for the user that
// says what is wrong and what to do.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("checklist %s: %s", e.Code, e.Message) }

// UserMessage is what the bot shows the user.
func (e *Error) UserMessage() string { return e.Message }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a domain error, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}
