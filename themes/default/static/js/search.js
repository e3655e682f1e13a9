// Site search, in the browser, over the index kiosk writes for each language.
// Chinese: any run of two or more characters of the query must appear in the page (there are
// no spaces between words to split on). Other languages: every word must appear as a whole
// word, case-insensitively, with simple plural endings folded.
(function () {
  "use strict";
  const script = document.currentScript;
  const form = document.querySelector(".search-form");
  const input = document.getElementById("search-query");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!script || !form || !input || !status || !list) return;
  const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/;
  let pages = null;

  function load() {
    if (!pages) {
      pages = fetch(script.dataset.index)
        .then((response) => response.json())
        .then((index) => index.pages);
    }
    return pages;
  }

  function stem(word) {
    word = word.toLowerCase();
    if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
    if (word.length > 3 && /(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
    if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
    return word;
  }

  function words(text) {
    return text.toLowerCase().match(/[a-z0-9\u00c0-\u024f]+/g) || [];
  }

  // The page's words, folded, computed once per page.
  function stems(page) {
    if (!page.stems) page.stems = new Set(words(page.t + " " + page.d + " " + page.x).map(stem));
    return page.stems;
  }

  function terms(query) {
    return query.trim().split(/\s+/).filter((term) => term.length > 0);
  }

  function matches(page, query) {
    const text = page.t + " " + page.d + " " + page.x;
    return terms(query).every((term) =>
      CJK.test(term) ? text.includes(term) : words(term).every((word) => stems(page).has(stem(word))));
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // Some text around the first match, with the match marked.
  function snippet(page, query) {
    const text = page.x || page.d;
    const first = terms(query)[0] || "";
    let at = CJK.test(first) ? text.indexOf(first) : text.toLowerCase().indexOf(first.toLowerCase());
    let length = first.length;
    if (at < 0) {
      at = 0;
      length = 0;
    }
    const start = Math.max(0, at - 40);
    const end = Math.min(text.length, at + length + 60);
    return (start > 0 ? "…" : "") + escape(text.slice(start, at)) + "<mark>" +
      escape(text.slice(at, at + length)) + "</mark>" + escape(text.slice(at + length, end)) +
      (end < text.length ? "…" : "");
  }

  function show(query, results) {
    list.innerHTML = results.slice(0, 50).map((page) =>
      '<li><a href="' + escape(page.u) + '">' + escape(page.t) + "</a>" +
      '<span class="search-section">' + escape(page.s) + "</span>" +
      "<p>" + snippet(page, query) + "</p></li>").join("");
    status.textContent = results.length
      ? script.dataset.found.replace("{count}", results.length)
      : script.dataset.none.replace("{query}", query);
  }

  function run(query) {
    if (!query.trim()) return Promise.resolve();
    return load().then((all) => {
      const titled = [];
      const others = [];
      for (const page of all) {
        if (!matches(page, query)) continue;
        (terms(query).some((term) => page.t.toLowerCase().includes(term.toLowerCase())) ? titled : others).push(page);
      }
      show(query, titled.concat(others));
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  const query = new URLSearchParams(location.search).get("q") || "";
  if (query) {
    input.value = query;
    run(query);
  }
})();
