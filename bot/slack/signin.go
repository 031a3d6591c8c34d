package slack

import (
	"errors"
	"strings"
)

// Sign in with Slack (OpenID Connect), for the web pages: its issuer,
// what the sign-in page calls it, the scopes asked for, and where its ID
// token names the person and the workspace.
const (
	SignInIssuer = "https://slack.com"
	SignInLabel  = "Slack"
	claimUser    = "https://slack.com/user_id"
	claimTeam    = "https://slack.com/team_id"
)

// SignInScopes are asked for beyond openid: profile, for the name the
// pages greet a person by.
var SignInScopes = []string{"profile"}

// SignInIdentity reads who signed in with Slack from the ID token's
// verified claims: their member id (U…) and workspace id (T…), as the
// adapter's events carry them, so a signed-in person is matched with the
// channels they are in.
func SignInIdentity(claims map[string]any) (user, team string, err error) {
	user, _ = claims[claimUser].(string)
	team, _ = claims[claimTeam].(string)
	if strings.TrimSpace(user) == "" || strings.TrimSpace(team) == "" {
		return "", "", errors.New("the Slack ID token has no user_id or team_id claim")
	}
	return user, team, nil
}
