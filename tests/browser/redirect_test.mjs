// Published addresses in Debian's headless Chromium, as a phone that scanned an old poster
// opens them: every redirect page of a built site (aliases, retired addresses, short links)
// lands on the page it names, without JavaScript; every page of a service ended stays, with
// the office's phone; sitemap.xml lists neither.
//
// Usage: node redirect_test.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { args, launch, pageFile, pagePaths, serve } from "./site.mjs";

const site = args.site;
const server = await serve(site);
const origin = server.origin;
const browser = await launch(args.chromium);
// An old phone's browser may run no script: the pages must not need one.
const context = await browser.newContext({ javaScriptEnabled: false });
const page = await context.newPage();
const sitemap = readFileSync(join(site, "sitemap.xml"), "utf8");
const failures = [];
let redirects = 0;
let ended = 0;
for (const path of pagePaths(site)) {
  const html = readFileSync(pageFile(site, path), "utf8");
  const url = origin + path;
  if (html.includes('http-equiv="refresh"')) {
    redirects++;
    const target = html.match(/content="0; url=([^"]+)"/)[1];
    const canonical = html.match(/<link rel="canonical" href="([^"]+)">/)[1];
    const title = html.match(/<a href="[^"]+" title="[^"]*"[^>]*>([^<]+)<\/a><\/p>/)[1];
    await page.goto(url);
    await page.waitForURL(origin + target, { timeout: 10000 }).catch(() => {});
    if (page.url() !== origin + target) {
      failures.push(`${path}: stayed at ${page.url()}, expected ${target}`);
      continue;
    }
    const landed = await page.evaluate(() => ({
      canonical: document.querySelector('link[rel="canonical"]')?.href,
      heading: document.querySelector("h1")?.textContent.trim(),
    }));
    if (landed.canonical !== canonical) {
      failures.push(`${path}: landed on ${landed.canonical}, its canonical is ${canonical}`);
    }
    if (landed.heading !== title.replaceAll("&amp;", "&")) {
      failures.push(`${path}: its link says "${title}", the page's heading "${landed.heading}"`);
    }
    if (sitemap.includes(`${path}</loc>`)) failures.push(`${path}: listed in sitemap.xml`);
  } else if (html.includes('<body class="section ended">')) {
    ended++;
    await page.goto(url);
    const shown = await page.evaluate(() => ({
      phone: document.querySelector("main .contact a[href^='tel:']")?.textContent,
      noindex: !!document.querySelector('meta[name="robots"][content="noindex"]'),
    }));
    if (page.url() !== url || !shown.phone || !shown.noindex) {
      failures.push(`${path}: an ended service's page must stay, show the office's phone and ` +
                    `be left out of search engines (${JSON.stringify(shown)})`);
    }
    if (sitemap.includes(`${path}</loc>`)) failures.push(`${path}: listed in sitemap.xml`);
  }
}
await browser.close();
server.close();
if (redirects === 0 || ended === 0) {
  failures.push(`the site has ${redirects} redirect pages and ${ended} ended pages; ` +
                "the test needs both");
}
for (const failure of failures) console.log("FAIL", failure);
console.log(`${redirects} redirects and ${ended} ended pages checked, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
