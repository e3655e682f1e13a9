// The site search as a reader uses it, in Debian's headless Chromium: type a query, press
// Enter, read the results and what the live region announces.
//
// Usage: node search_test.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium
import { args, launch, serve } from "./site.mjs";

const { origin, close } = await serve(args.site);

// [search page, what to type, a result that must be found, what the status must say]
const CASES = [
  ["/search/", "戶籍謄本", "/services/household-transcript/", /找到 \d+ 筆結果/],
  ["/search/", "謄本", "/services/household-transcript/", /找到 \d+ 筆結果/],
  ["/search/", "身分證 補領", "/services/id-card-replacement/", /找到/],
  ["/en/search/", "transcripts", "/en/services/household-transcript/", /\d+ results/],
  ["/en/search/", "Household REGISTRATION", "/en/faq/household-registration/", /\d+ results/],
  ["/en/search/", "qwertyuiop", null, /Nothing matches/],
];

const browser = await launch(args.chromium);
const page = await browser.newPage();
let passed = 0;
let failed = 0;
const fail = (message) => { failed++; console.log("FAIL " + message); };
for (const [path, query, expected, announced] of CASES) {
  await page.goto(origin + path);
  // By keyboard, as a reader would: focus the field, type, press Enter.
  await page.focus("#search-query");
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  const status = await page.textContent("#search-status");
  const links = await page.$$eval("#search-results a", (anchors) => anchors.map((a) => a.getAttribute("href")));
  const marked = await page.$$eval("#search-results mark", (marks) => marks.length);
  if (!announced.test(status)) fail(`${path} "${query}": status "${status}"`);
  else if (expected && !links.includes(expected)) fail(`${path} "${query}": no ${expected} in ${links.join(" ")}`);
  else if (expected && marked === 0) fail(`${path} "${query}": no highlighted match`);
  else passed++;
}
// The query travels in the address, so a result page can be shared or reloaded.
await page.goto(origin + "/search/?q=" + encodeURIComponent("低收入戶"));
await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
passed++;
// The header's search box, with JavaScript off, still leads to a page that helps.
const plain = await browser.newPage({ javaScriptEnabled: false });
await plain.goto(origin + "/");
await plain.fill("#header-search-query", "謄本");
await plain.press("#header-search-query", "Enter");
await plain.waitForLoadState();
const fallback = await plain.$eval("noscript a", (a) => a.getAttribute("href")).catch(() => "");
if (!plain.url().includes("/search/?q=") || !fallback.includes("/sitemap/")) fail(`no-JS fallback: ${plain.url()}`);
else passed++;
await browser.close();
close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
