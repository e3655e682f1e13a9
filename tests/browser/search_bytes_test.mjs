// What a reader's browser fetches to search a large site, counted in Chromium: the bytes of
// every response for the search index, from pressing Enter to the results, for typical
// queries in both languages, each as the first query of a visit (nothing cached) and each
// after the others in one visit. Fails when a first query fetches more than --limit bytes.
//
// Usage: node search_bytes_test.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium
//        [--limit BYTES] [--markdown FILE]
// The site is one made by bench/make_site.py, whose pages use these words.
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { args, launch, serve } from "./site.mjs";

const limit = Number(args.limit || 300000);
const QUERIES = [
  ["/search/", "search-index", ["戶籍謄本", "低收入戶", "身分證 申請", "颱風 避難所", "死亡證明書", "補助"]],
  ["/en/search/", "en/search-index", ["household registration", "certificates", "typhoon shelter",
                                      "disability allowance", "bank passbook", "apply"]],
];

const { origin, close } = await serve(args.site);
const browser = await launch(args.chromium);

// Types `query` into the search page `page` shows and presses Enter: the bytes of the search
// index fetched until the results are shown, the files, and what the status says.
async function search(page, query) {
  const bodies = [];
  const count = (response) => {
    if (response.url().includes("/search-index/")) bodies.push(response.body().then((body) => body.length));
  };
  page.on("response", count);
  await page.evaluate(() => { document.getElementById("search-status").textContent = ""; });
  await page.fill("#search-query", query);
  await page.press("#search-query", "Enter");
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  await page.waitForLoadState("networkidle");
  page.off("response", count);
  const sizes = await Promise.all(bodies);
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length,
           status: await page.textContent("#search-status") };
}

function folderBytes(folder) {
  let bytes = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    bytes += statSync(path).isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return bytes;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const rows = [];
let failed = 0;
for (const [path, folder, queries] of QUERIES) {
  const first = [];
  for (const query of queries) {
    const context = await browser.newContext();  // a new visit: nothing cached
    const page = await context.newPage();
    await page.goto(origin + path);
    first.push(await search(page, query));
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + path);
  const later = [];
  for (const query of queries) later.push(await search(page, query));
  await context.close();
  const pagesBytes = folderBytes(join(args.site, folder, "pages"));
  const whole = folderBytes(join(args.site, folder));
  queries.forEach((query, i) => {
    rows.push(`| ${query} | ${first[i].status} | ${kb(first[i].bytes)} (${first[i].files} files) | ` +
              `${i ? kb(later[i].bytes) + " (" + later[i].files + " files)" : "—"} |`);
    if (first[i].bytes > limit) {
      failed++;
      console.log(`FAIL ${path} "${query}": ${first[i].bytes} bytes fetched, more than ${limit}`);
    }
  });
  rows.push(`| *${folder}/: ${kb(whole)} KB in all, of which the pages' documents ${kb(pagesBytes)} KB* | | | |`);
}
await browser.close();
close();

const table = ["| query | results | first query of a visit, KB | after the queries above, KB |",
               "|---|---|---:|---:|", ...rows].join("\n");
console.log(table);
if (args.markdown) writeFileSync(args.markdown, table + "\n");
console.log(failed ? `${failed} queries fetched more than ${limit} bytes` : "every first query within the limit");
process.exit(failed ? 1 : 0);
