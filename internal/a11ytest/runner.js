// Injected by a11ytest after axe.min.js: once the page has loaded, runs
// axe-core with the WCAG 2.2 A and AA rules and writes the violations and
// the page's widths as JSON into a hidden <pre id="a11y-results"> in the
// top document (the page is in a frame of the width checked), which
// Chromium's --dump-dom then prints.
(function () {
  function write(value) {
    var top = window.parent.document;
    var pre = top.createElement("pre");
    pre.id = "a11y-results";
    pre.hidden = true;
    pre.textContent = JSON.stringify(value);
    top.body.appendChild(pre);
  }
  function run() {
    var widths = {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
    if (typeof axe === "undefined") {
      write({ error: "axe-core did not load" });
      return;
    }
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations"],
    }).then(function (r) {
      write({
        version: axe.version,
        scrollWidth: widths.scrollWidth,
        innerWidth: widths.innerWidth,
        passes: r.passes.length,
        violations: r.violations.map(function (v) {
          return {
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(function (n) {
              return { target: n.target.map(String), summary: n.failureSummary || "" };
            }),
          };
        }),
      });
    }, function (err) {
      write({ error: String(err) });
    });
  }
  if (document.readyState === "complete") {
    run();
  } else {
    window.addEventListener("load", run);
  }
})();
