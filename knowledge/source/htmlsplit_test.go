package source

import (
	"reflect"
	"testing"
)

func TestSplitHTML(t *testing.T) {
	body := `<p>Opening words.</p>
<h2 id="plan-it">Plan it</h2>
<p>First paragraph.</p>
<h3 id="detail">A detail</h3>
<ul><li>one</li><li>two</li></ul>
<h2>No id here</h2>
<p>Second <a href="/x">part</a>.</p>
<h2 id="empty">Nothing under this</h2>`
	got, err := SplitHTML(body, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []HTMLPart{
		{Text: "Opening words."},
		{Level: 2, Heading: "Plan it", ID: "plan-it", Text: "First paragraph.\n\nA detail\n\none\ntwo"},
		{Level: 2, Heading: "No id here", Text: "Second part."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitHTML =\n%#v\nwant\n%#v", got, want)
	}
}
