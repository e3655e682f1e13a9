// The site search as a reader uses it, in Debian's headless Chromium: type a query, press
// Enter, read the results and what the live region announces. The results must be those
// the whole index gave before it was split: every query is also answered here, in Node, the
// old way (each page's whole text searched), from the pages' documents.
//
// Usage: node search_test.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { readIndex } from "./search_index.mjs";
import { args, launch, serve } from "./site.mjs";

const site = args.site;
const { origin, close } = await serve(site);

// --- The old search: every page's whole text, as search.js did before the index was split.
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/;
const terms = (query) => query.trim().split(/\s+/).filter((term) => term.length > 0);
const words = (text) => text.toLowerCase().match(/[a-z0-9\u00c0-\u024f]+/g) || [];
function stem(word) {
  word = word.toLowerCase();
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 3 && /(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}
function matches(page, query) {
  const text = page.t + " " + page.d + " " + page.x;
  const stems = new Set(words(text).map(stem));
  return terms(query).every((term) =>
    CJK.test(term) ? text.includes(term) : words(term).every((word) => stems.has(stem(word))));
}
// First the pages with a term in their title: a Chinese term as written, another term's
// words, plurals folded.
function inTitle(page, term) {
  if (CJK.test(term)) return page.t.includes(term);
  const title = new Set(words(page.t).map(stem));
  const found = words(term);
  return found.length > 0 && found.every((word) => title.has(stem(word)));
}
function expected(pages, query) {
  const found = pages.filter((page) => matches(page, query));
  const titled = found.filter((page) => terms(query).some((term) => inTitle(page, term)));
  return titled.concat(found.filter((page) => !titled.includes(page)));
}

const index = { "/search/": readIndex(join(site, "search-index")), "/en/search/": readIndex(join(site, "en/search-index")) };

// [search page, what to type, a result that must be found, what the status must say]
const CASES = [
  ["/search/", "戶籍謄本", "/services/household-transcript/", /找到 \d+ 筆結果/],
  ["/search/", "謄本", "/services/household-transcript/", /找到 \d+ 筆結果/],
  ["/search/", "身分證 補領", "/services/id-card-replacement/", /找到/],
  ["/search/", "低收入戶", null, /找到/],
  ["/search/", "區公所", null, /找到/],        // more than one screen of results
  ["/search/", "役", null, /找到/],            // one character
  ["/search/", "1999", null, /./],             // digits only: a word
  ["/search/", "A4", null, /./],
  ["/search/", "謄本 transcript", null, /./],  // both kinds of term
  ["/search/", "。", null, /./],               // punctuation only
  ["/en/search/", "transcripts", "/en/services/household-transcript/", /\d+ results/],
  ["/en/search/", "Household REGISTRATION", "/en/faq/household-registration/", /\d+ results/],
  ["/en/search/", "the", null, /\d+ results/],
  ["/en/search/", "id-card", null, /./],
  ["/en/search/", "qwertyuiop", null, /Nothing matches/],
  ["/en/search/", "--", null, /./],            // no word: every page
];

const browser = await launch(args.chromium);
let passed = 0;
let failed = 0;
const fail = (message) => { failed++; console.log("FAIL " + message); };
const page = await browser.newPage();
const shown = () => page.$$eval("#search-results a", (anchors) => anchors.map((a) => a.getAttribute("href")));

for (const [path, query, expect, announced] of CASES) {
  await page.goto(origin + path);
  // By keyboard, as a reader would: focus the field, type, press Enter.
  await page.focus("#search-query");
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  const status = await page.textContent("#search-status");
  const links = await shown();
  const marked = await page.$$eval("#search-results mark", (marks) => marks.length);
  const whole = expected(index[path], query);
  const count = Number((status.match(/\d+/) || ["0"])[0]);
  if (!announced.test(status)) fail(`${path} "${query}": status "${status}"`);
  else if (whole.length && count !== whole.length) fail(`${path} "${query}": ${count} results, the whole index gave ${whole.length}`);
  else if (links.join(" ") !== whole.slice(0, 10).map((page) => page.u).join(" ")) {
    fail(`${path} "${query}": shown ${links.join(" ")}\n  the whole index gave ${whole.slice(0, 10).map((page) => page.u).join(" ")}`);
  } else if (expect && !links.includes(expect)) fail(`${path} "${query}": no ${expect} in ${links.join(" ")}`);
  else if (expect && marked === 0) fail(`${path} "${query}": no highlighted match`);
  else passed++;
}

// More results than fit: a button shows the next ten, and takes the focus to the first.
{
  const query = "區公所";
  const whole = expected(index["/search/"], query);
  await page.goto(origin + "/search/?q=" + encodeURIComponent(query));
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
  if (whole.length <= 10) {
    fail(`"${query}" finds ${whole.length} pages: too few to need the button`);
  } else {
    const label = await page.textContent(".search-more");
    await page.focus(".search-more");
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length === n,
                               Math.min(20, whole.length));
    const links = await shown();
    const focused = await page.evaluate(() => document.activeElement.getAttribute("href"));
    if (!label.includes(String(whole.length - 10))) fail(`the button says "${label}"`);
    else if (links.join(" ") !== whole.slice(0, 20).map((page) => page.u).join(" ")) fail(`after the button: ${links.join(" ")}`);
    else if (focused !== whole[10].u) fail(`the focus is on ${focused}, not the first new result`);
    else passed++;
  }
}

// The query travels in the address, so a result page can be shared or reloaded.
await page.goto(origin + "/search/?q=" + encodeURIComponent("低收入戶"));
await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
passed++;

// A file of another build (the site updated during a visit): the search starts over once,
// with the index as it is now.
{
  await page.goto(origin + "/search/");
  await page.evaluate(() => document.getElementById("search-query").focus());
  await page.route("**/search-index/keys/**", (route) => route.fulfill({ status: 404 }), { times: 1 });
  await page.fill("#search-query", "謄本");
  await page.press("#search-query", "Enter");
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  const status = await page.textContent("#search-status");
  if (!/找到 \d+ 筆結果/.test(status)) fail(`after a missing file: "${status}"`);
  else passed++;
}

// The header's search box, with JavaScript off, still leads to a page that helps.
const plain = await browser.newPage({ javaScriptEnabled: false });
await plain.goto(origin + "/");
await plain.fill("#header-search-query", "謄本");
await plain.press("#header-search-query", "Enter");
await plain.waitForLoadState();
const fallback = await plain.$eval("noscript a", (a) => a.getAttribute("href")).catch(() => "");
if (!plain.url().includes("/search/?q=") || !fallback.includes("/sitemap/")) fail(`no-JS fallback: ${plain.url()}`);
else passed++;

// search.js lower-cases words as kiosk does: its table of JavaScript's toLowerCase() (in
// generator/search/search_keys.cpp) is the browser's.
{
  const source = readFileSync(fileURLToPath(new URL("../../generator/search/search_keys.cpp", import.meta.url)), "utf8");
  const table = new Map([...source.matchAll(/\{0x([0-9A-F]+), 0x([0-9A-F]+), (?:0x([0-9A-F]+)|0)\}/g)]
    .map(([, from, to, then]) => [parseInt(from, 16), String.fromCodePoint(parseInt(to, 16)) + (then ? String.fromCodePoint(parseInt(then, 16)) : "")]));
  const lowered = await page.evaluate(() => {
    const inRange = (s) => /[a-z0-9\u00c0-\u024f]/.test(s);
    const found = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      const l = s.toLowerCase();
      if (l !== s && (inRange(l) || inRange(s))) found.push([c, l]);
    }
    return found;
  });
  const differ = lowered.filter(([c, l]) => table.get(c) !== l);
  if (differ.length || table.size !== lowered.length) {
    fail(`kiosk's lower-case table differs from the browser's: ${table.size} against ${lowered.length}, e.g. ${JSON.stringify(differ.slice(0, 3))}`);
  } else passed++;
}

await browser.close();
close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
