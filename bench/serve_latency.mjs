// How long an edit takes to show with `kiosk serve`: from the moment a FAQ file is saved to
// the moment the open page, reloaded by the live-reload script, is painted with the edit, in
// Debian's headless Chromium, on a site made by bench/make_site.py.
//
// Usage: node bench/serve_latency.mjs --kiosk build/kiosk --site /tmp/kiosk-bench/site-5000
//        [--chromium /usr/bin/chromium] [--rounds 20]
// Needs the npm packages of tests/browser (npm ci --prefix tests/browser). The site's first
// `kiosk serve` builds it whole into SITE/.kiosk/preview; later ones start from that build.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const site = resolve(args.site);
const rounds = Number(args.rounds ?? 20);

// The first Chinese FAQ page, as bench/run.sh edits it.
function faqFiles(folder) {
  return readdirSync(folder).sort().flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return faqFiles(path);
    return /^faq-.*\.md$/.test(name) && !name.endsWith(".en.md") ? [path] : [];
  });
}
const file = faqFiles(join(site, "content/faq"))[0];
const original = readFileSync(file, "utf8");
const slug = file.slice(join(site, "content").length + 1).replace(/\.(zh-TW\.)?md$/, "/");

const serve = spawn(resolve(args.kiosk), ["serve", "--port", "0", "-v"], { cwd: site });
let output = "";
serve.stdout.on("data", (data) => { output += data; });
serve.stderr.on("data", (data) => { output += data; });
const url = await new Promise((found, reject) => {
  serve.on("exit", () => reject(new Error("kiosk serve ended:\n" + output)));
  serve.stdout.on("data", () => {
    const address = output.match(/at (http:\/\/127\.0\.0\.1:\d+\/\S*) \(Ctrl-C to stop\)/);
    if (address) found(address[1]);
  });
});
console.log(`${url}${slug} (${file.slice(site.length + 1)})`);

const browser = await chromium.launch({
  executablePath: args.chromium ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const page = await browser.newPage();
await page.goto(url + slug);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shown = [];
const reloads = [];
const built = [];
try {
  for (let round = 0; round < rounds; round++) {
    const sentence = `第 ${round} 輪預覽測試追加的句子。`;
    const before = output.length;
    writeFileSync(file, original + `\n${sentence}\n`);
    const saved = Date.now();
    await page.waitForFunction((text) => document.body?.textContent.includes(text), sentence,
                               { polling: "raf", timeout: 60000 });
    // When the reload began and when the page with the edit was painted, on the clock of
    // `saved`.
    const [reloaded, painted] = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return [performance.timeOrigin,
              performance.timeOrigin + (paint ? paint.startTime : performance.now())];
    });
    shown.push(painted - saved);
    reloads.push(reloaded - saved);
    const build = output.slice(before).match(/built in (\d+) ms/);
    if (build) built.push(Number(build[1]));
    // Apart, so that each save is a change of its own.
    await new Promise((done) => setTimeout(done, 300));
  }
} finally {
  writeFileSync(file, original);
  await browser.close();
  serve.kill("SIGINT");
}
const range = (values) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
console.log(`save to paint: median ${Math.round(median(shown))} ms (${range(shown)}), ` +
            `${rounds} edits`);
// The build writes the edited page, has open pages reloaded, and goes on with the search
// index and the open data: its end comes after the reload began.
console.log(`until the reload begins: median ${Math.round(median(reloads))} ms ` +
            `(${range(reloads)}); the whole build: median ${median(built)} ms (${range(built)})`);
