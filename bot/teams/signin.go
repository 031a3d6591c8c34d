package teams

import (
	"errors"
	"strings"
)

// Sign in with Microsoft Entra ID (OpenID Connect), for the web pages:
// what the sign-in page calls it and the scopes asked for.
const SignInLabel = "Microsoft"

// SignInScopes are asked for beyond openid: profile, for the name the
// pages greet a person by and the oid claim.
var SignInScopes = []string{"profile"}

// SignInIssuer is Entra ID's issuer for a tenant (its id, a GUID): the
// ID token of a person of that tenant carries it.
func SignInIssuer(tenant string) string {
	return "https://login.microsoftonline.com/" + tenant + "/v2.0"
}

// SignInIdentity reads who signed in with Entra ID from the ID token's
// verified claims: their object id (oid) and tenant id (tid), as the
// adapter's activities carry them (from.aadObjectId, the tenant), so a
// signed-in person is matched with their conversations.
func SignInIdentity(claims map[string]any) (user, team string, err error) {
	user, _ = claims["oid"].(string)
	team, _ = claims["tid"].(string)
	if strings.TrimSpace(user) == "" || strings.TrimSpace(team) == "" {
		return "", "", errors.New("the Entra ID token has no oid or tid claim")
	}
	return user, team, nil
}
