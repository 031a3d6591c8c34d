package source

import (
	"context"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// fetchSource GETs a URL source and decides its format: the Content-Type when it
// says HTML or Markdown, else the URL's extension (raw Markdown is often
// served as text/plain), else plain text for any text/* type.
func fetchSource(ctx context.Context, client *http.Client, rawURL string, limit int64) ([]byte, docFormat, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, formatUnknown, &sourceError{spec: rawURL, msg: "not a valid URL (give a full address such as https://example.org/guide)", err: err}
	}
	req.Header.Set("User-Agent", "standardbot")
	req.Header.Set("Accept", "text/html, text/markdown, text/plain;q=0.9, */*;q=0.1")
	resp, err := client.Do(req)
	if err != nil {
		return nil, formatUnknown, fetchError(rawURL, client, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, formatUnknown, &sourceError{spec: rawURL, msg: "HTTP " + resp.Status + " (check the URL opens in a browser without logging in)"}
	}
	f := formatOfResponse(resp.Header.Get("Content-Type"), resp.Request.URL)
	if f == formatUnknown {
		return nil, formatUnknown, &sourceError{spec: rawURL, msg: "unsupported content type " + resp.Header.Get("Content-Type") + " (give an HTML, Markdown or text page)"}
	}
	// Checked up front to avoid downloading what will be refused, and again
	// while reading because Content-Length may be absent or wrong.
	if resp.ContentLength > limit {
		return nil, formatUnknown, tooLargeError(rawURL, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, formatUnknown, fetchError(rawURL, client, err)
	}
	if int64(len(data)) > limit {
		return nil, formatUnknown, tooLargeError(rawURL, limit)
	}
	return data, f, nil
}

// formatOfResponse decides a fetched document's format.
func formatOfResponse(contentType string, u *url.URL) docFormat {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return formatHTML
	case "text/markdown", "text/x-markdown":
		return formatMarkdown
	}
	if f := formatOfExt(path.Ext(u.Path)); f != formatUnknown {
		return f
	}
	if mt == "" || strings.HasPrefix(mt, "text/") {
		return formatText
	}
	return formatUnknown
}

// fetchError explains a failed request. A timeout says how long was
// waited; the *url.Error is unwrapped for the message because its own text
// repeats the URL.
func fetchError(rawURL string, client *http.Client, err error) error {
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return &sourceError{spec: rawURL, msg: "cancelled", err: err}
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		msg := "timed out"
		if client.Timeout > 0 {
			msg += " after " + client.Timeout.String()
		}
		return &sourceError{spec: rawURL, msg: msg + " (check the URL, or try again when the site responds)", err: err}
	}
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	return &sourceError{spec: rawURL, msg: cause.Error() + " (check the URL and the network)", err: err}
}
