// Package openai implements knowledge.LLM with go-openai, for any
// OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LocalAI).
package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/standardbot/standardbot/knowledge"
)

var _ knowledge.LLM = (*Client)(nil)

// DefaultModel is used when OPENAI_MODEL is not set.
const DefaultModel = "gpt-4o-mini"

// DefaultAzureAPIVersion is the Azure OpenAI API version used when none is
// configured.
const DefaultAzureAPIVersion = "2024-06-01"

// Config says which endpoint to use and how.
type Config struct {
	APIKey  string // may be empty for local servers that need none
	BaseURL string // empty for OpenAI itself
	Model   string // the model, or on Azure the deployment; empty: DefaultModel
	// APIVersion is Azure's api-version; empty: DefaultAzureAPIVersion.
	APIVersion string
	// HTTPClient makes the requests; nil: a plain http.Client. Either way
	// a 429 is retried once after its delay.
	HTTPClient *http.Client
}

// Client completes prompts with a chat model.
type Client struct {
	api    *goopenai.Client
	model  string
	secret string // to keep out of error messages
}

// New returns a client. A base URL on an Azure OpenAI host
// (*.openai.azure.com, *.cognitiveservices.azure.com) speaks Azure's
// dialect: an api-key header and the model as the deployment name.
func New(c Config) *Client {
	var cfg goopenai.ClientConfig
	if IsAzure(c.BaseURL) {
		cfg = goopenai.DefaultAzureConfig(c.APIKey, c.BaseURL)
		cfg.APIVersion = DefaultAzureAPIVersion
		if c.APIVersion != "" {
			cfg.APIVersion = c.APIVersion
		}
	} else {
		cfg = goopenai.DefaultConfig(c.APIKey)
		if c.BaseURL != "" {
			cfg.BaseURL = c.BaseURL
		}
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	cfg.HTTPClient = retryOnce{hc}
	model := c.Model
	if model == "" {
		model = DefaultModel
	}
	return &Client{api: goopenai.NewClientWithConfig(cfg), model: model, secret: c.APIKey}
}

// IsAzure reports whether a base URL is an Azure OpenAI endpoint.
func IsAzure(baseURL string) bool {
	u, err := url.Parse(baseURL)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return strings.HasSuffix(host, ".openai.azure.com") || strings.HasSuffix(host, ".cognitiveservices.azure.com")
}

// Complete asks the model once (see request for the parameters). It does
// not stream: an answer is shown only once its quotations are checked.
func (c *Client) Complete(ctx context.Context, comp knowledge.Completion) (string, error) {
	req := request(c.model, messages(comp))
	text, err := c.complete(ctx, req)
	if err != nil {
		return "", c.describe(err)
	}
	return text, nil
}

// Answer lengths: about 150 words is 200-odd tokens; a reasoning model
// also spends completion tokens thinking before it writes.
const (
	maxAnswerTokens    = 500
	maxReasoningTokens = 4000
)

// request asks for a short answer at a low temperature (answers should
// stick to the sources, not vary between asks). Reasoning models (o1, o3,
// o4, gpt-5 and later, as go-openai knows them) take neither max_tokens
// nor a temperature, so they get max_completion_tokens instead.
func request(model string, msgs []goopenai.ChatCompletionMessage) goopenai.ChatCompletionRequest {
	//lint:ignore SA1019 every compatible server reads max_tokens; not all read max_completion_tokens (Azure before 2024-09-01)
	req := goopenai.ChatCompletionRequest{Model: model, Temperature: 0.1, MaxTokens: maxAnswerTokens, Messages: msgs}
	if goopenai.NewReasoningValidator().Validate(req) != nil {
		//lint:ignore SA1019 cleared: a reasoning model refuses max_tokens
		req.Temperature, req.MaxTokens, req.MaxCompletionTokens = 0, 0, maxReasoningTokens
	}
	return req
}

// messages lays out the conversation: the instruction, the thread's
// earlier exchanges, then the question with its sources.
func messages(comp knowledge.Completion) []goopenai.ChatCompletionMessage {
	out := []goopenai.ChatCompletionMessage{{Role: goopenai.ChatMessageRoleSystem, Content: comp.System}}
	for _, t := range comp.History {
		out = append(out,
			goopenai.ChatCompletionMessage{Role: goopenai.ChatMessageRoleUser, Content: "Question: " + t.Question},
			goopenai.ChatCompletionMessage{Role: goopenai.ChatMessageRoleAssistant, Content: t.Answer})
	}
	return append(out, goopenai.ChatCompletionMessage{Role: goopenai.ChatMessageRoleUser, Content: comp.Prompt})
}

func (c *Client) complete(ctx context.Context, req goopenai.ChatCompletionRequest) (string, error) {
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("no choices in the response")
	}
	return resp.Choices[0].Message.Content, nil
}

// describe makes an error short and safe to log: the HTTP status and the
// server's message, never the API key, even when a server echoes it.
func (c *Client) describe(err error) error {
	msg := err.Error()
	var apiErr *goopenai.APIError
	var reqErr *goopenai.RequestError
	switch {
	case errors.As(err, &apiErr):
		msg = fmt.Sprintf("HTTP %d: %s", apiErr.HTTPStatusCode, apiErr.Message)
	case errors.As(err, &reqErr):
		msg = fmt.Sprintf("HTTP %d: %s", reqErr.HTTPStatusCode, firstLine(string(reqErr.Body)))
	}
	if c.secret != "" {
		msg = strings.ReplaceAll(msg, c.secret, "[redacted]")
	}
	return fmt.Errorf("language model %s: %s", c.model, msg)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
