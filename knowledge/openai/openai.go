// Package openai implements knowledge.LLM with go-openai, for any
// OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LocalAI).
package openai

import (
	"context"
	"errors"
	"fmt"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/standardbot/standardbot/knowledge"
)

var _ knowledge.LLM = (*Client)(nil)

// DefaultModel is used when OPENAI_MODEL is not set.
const DefaultModel = "gpt-4o-mini"

// Client completes prompts with a chat model.
type Client struct {
	api   *goopenai.Client
	model string
}

// New returns a client. baseURL may be empty for OpenAI itself; an API key
// may be empty for local servers that need none.
func New(apiKey, baseURL, model string) *Client {
	cfg := goopenai.DefaultConfig(apiKey)
	if baseURL != "" {
		cfg.BaseURL = baseURL
	}
	if model == "" {
		model = DefaultModel
	}
	return &Client{api: goopenai.NewClientWithConfig(cfg), model: model}
}

// Complete asks the model once, at a low temperature: answers should stick
// to the sources, not vary between asks.
func (c *Client) Complete(ctx context.Context, system, prompt string) (string, error) {
	resp, err := c.api.CreateChatCompletion(ctx, goopenai.ChatCompletionRequest{
		Model:       c.model,
		Temperature: 0.1,
		MaxTokens:   400,
		Messages: []goopenai.ChatCompletionMessage{
			{Role: goopenai.ChatMessageRoleSystem, Content: system},
			{Role: goopenai.ChatMessageRoleUser, Content: prompt},
		},
	})
	if err != nil {
		var apiErr *goopenai.APIError
		if errors.As(err, &apiErr) {
			return "", fmt.Errorf("llm %s: HTTP %d: %s", c.model, apiErr.HTTPStatusCode, apiErr.Message)
		}
		return "", fmt.Errorf("llm %s: %w", c.model, err)
	}
	if len(resp.Choices) == 0 {
		return "", fmt.Errorf("llm %s: no choices in response", c.model)
	}
	return resp.Choices[0].Message.Content, nil
}
