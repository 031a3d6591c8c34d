package govuk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Fetcher is what Sync needs of a Content API client
// (internal/govuk.Client): the JSON of the page at a base path. An error
// for which internal/govuk.IsUnreachable holds means GOV.UK did not answer
// at all, and Sync stops.
type Fetcher interface {
	Content(ctx context.Context, basePath string) ([]byte, error)
}

// The Service Manual's structure, as the Content API gives it.
const (
	// homePath is the manual's home page: links.children are its topics.
	homePath = "/service-manual"
	// standardPath is the Service Standard's page: links.children are the
	// 14 point pages.
	standardPath = "/service-manual/service-standard"
	// wwwGOVUK is where citations point, whatever server the copy came from.
	wwwGOVUK = "https://www.gov.uk"
)

// link is one entry of a page's links: a topic, a guide or a point page.
type link struct {
	BasePath        string `json:"base_path"`
	Title           string `json:"title"`
	PublicUpdatedAt string `json:"public_updated_at"`
}

// contentItem is the part of a Content API document the manual uses:
// service_manual_homepage, service_manual_topic,
// service_manual_service_standard and service_manual_guide.
type contentItem struct {
	BasePath        string `json:"base_path"`
	Title           string `json:"title"`
	Description     string `json:"description"`
	SchemaName      string `json:"schema_name"`
	PublicUpdatedAt string `json:"public_updated_at"`
	Details         struct {
		Body        json.RawMessage `json:"body"`
		HeaderLinks []headerLink    `json:"header_links"`
	} `json:"details"`
	Links struct {
		Children    []link `json:"children"`
		LinkedItems []link `json:"linked_items"`
	} `json:"links"`
}

// headerLink is one entry of a guide's contents: a level-2 heading.
type headerLink struct {
	Title string `json:"title"`
	Href  string `json:"href"`
}

// parseItem reads a Content API document.
func parseItem(data []byte) (*contentItem, error) {
	var it contentItem
	if err := json.Unmarshal(data, &it); err != nil {
		return nil, fmt.Errorf("not Content API JSON: %w", err)
	}
	return &it, nil
}

// body is the item's HTML body. The manual's schemas give a string; some
// other schemas give a list of {content_type, content}, of which the HTML
// is used.
func (it *contentItem) body() (string, error) {
	raw := it.Details.Body
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []struct {
		ContentType string `json:"content_type"`
		Content     string `json:"content"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", errors.New("details.body is neither HTML nor a list of contents")
	}
	for _, p := range parts {
		if p.ContentType == "text/html" {
			return p.Content, nil
		}
	}
	return "", errors.New("details.body has no text/html content")
}

// guideBody checks that a document is a page of the manual with a body to
// index, and returns the body.
func (it *contentItem) guideBody() (string, error) {
	if it.SchemaName != "" && it.SchemaName != "service_manual_guide" && it.SchemaName != "service_manual_service_standard" {
		return "", fmt.Errorf("a %s, not a Service Manual guide", it.SchemaName)
	}
	body, err := it.body()
	if err != nil {
		return "", err
	}
	if it.Title == "" || body == "" {
		return "", errors.New("no title or no body")
	}
	return body, nil
}
