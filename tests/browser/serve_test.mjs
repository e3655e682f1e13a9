// `kiosk serve` as someone editing a page meets it, in Debian's headless Chromium: the open
// page shows an edit without a manual reload; broken front matter shows an alert naming the
// file and line; an accessibility failure shows at its Markdown line; once fixed, the alert
// goes and the new content shows. The alert itself passes axe-core.
//
// Usage: node serve_test.mjs --kiosk build/kiosk --fixture tests/fixtures/basic-site
//        --chromium /usr/bin/chromium [--screenshots DIR]
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));

const root = mkdtempSync(join(tmpdir(), "kiosk-serve-test-"));
const site = join(root, "site");
cpSync(args.fixture, site, { recursive: true });
const page_file = join(site, "content/faq/id-card.en.md");
const original = readFileSync(page_file, "utf8");

// kiosk serve in the site's folder, on any free port; its address from what it prints.
const serve = spawn(resolve(args.kiosk), ["serve", "--port", "0"], { cwd: site });
let output = "";
serve.stdout.on("data", (data) => { output += data; });
serve.stderr.on("data", (data) => { output += data; });
const url = await new Promise((found, reject) => {
  const timer = setTimeout(() => reject(new Error("kiosk serve did not start:\n" + output)), 120000);
  const look = () => {
    const address = output.match(/at (http:\/\/127\.0\.0\.1:\d+\/\S*) \(Ctrl-C to stop\)/);
    if (address) { clearTimeout(timer); found(address[1]); }
  };
  serve.stdout.on("data", look);
});

const browser = await chromium.launch({
  executablePath: args.chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
let passed = 0;
let failed = 0;
const step = async (name, check) => {
  try {
    await check();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${error.message.split("\n")[0]}`);
  }
};
const alertText = () => page.textContent("[role=alert]");
const timeout = { timeout: 30000 };

await page.goto(url + "en/faq/id-card/");
// A manual reload would start a new document: the mark would be gone, and the reloads the
// script makes are counted by the page's navigations.
let navigations = 0;
page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) navigations++; });

await step("an edit shows without a manual reload", async () => {
  const saved = Date.now();
  writeFileSync(page_file, original + "\nA sentence written while the page is open.\n");
  await page.waitForFunction(
    () => document.body.textContent.includes("A sentence written while the page is open."),
    null, timeout);
  console.log(`     shown ${Date.now() - saved} ms after the save`);
  if (navigations !== 1) throw new Error(`${navigations} navigations, not the script's one`);
});

await step("broken front matter shows an alert naming the file and line", async () => {
  writeFileSync(page_file, "---\ntitle: ID card FAQ\ndate: 2026-13-01\n---\nText.\n");
  await page.waitForSelector("[role=alert]", timeout);
  const text = await alertText();
  if (!text.includes("content/faq/id-card.en.md:3:")) throw new Error(`the alert says: ${text}`);
  if (!text.includes("date")) throw new Error(`the alert does not say what is wrong: ${text}`);
  if (!(await page.textContent("body")).includes("A sentence written while the page is open.")) {
    throw new Error("the page no longer shows the last good build");
  }
  if (args.screenshots) {
    mkdirSync(args.screenshots, { recursive: true });
    await page.screenshot({ path: join(args.screenshots, "serve-alert.png") });
  }
});

await step("the alert passes axe-core", async () => {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run("#kiosk-build-errors", {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  }));
  const found = result.violations.map((violation) => violation.id);
  if (found.length) throw new Error(found.join(", "));
});

await step("fixed, the alert goes and the new content shows", async () => {
  writeFileSync(page_file, original + "\nThe fixed page.\n");
  await page.waitForFunction(
    () => !document.querySelector("[role=alert]") &&
          document.body.textContent.includes("The fixed page."),
    null, timeout);
});

await step("an accessibility failure shows at its Markdown line, and goes once fixed", async () => {
  writeFileSync(join(site, "static/photo.png"), "");
  writeFileSync(page_file, original + "\n![image](/office/photo.png)\n");
  const line = original.split("\n").length + 1;
  await page.waitForSelector("[role=alert]", timeout);
  const text = await alertText();
  if (!text.includes(`content/faq/id-card.en.md:${line}:1`) || !text.includes("KS1110100C")) {
    throw new Error(`the alert says: ${text}`);
  }
  writeFileSync(page_file, original + "\n![The counter of the household registration office](/office/photo.png)\n");
  await page.waitForFunction(() => !document.querySelector("[role=alert]") &&
                                   document.querySelector("main img[alt^='The counter']"),
                             null, timeout);
});

await step("the built files have no live-reload script", async () => {
  const built = readFileSync(join(site, ".kiosk/preview/en/faq/id-card/index.html"), "utf8");
  if (built.includes("live-reload")) throw new Error("the script is in the built page");
});

await browser.close();
serve.kill("SIGINT");
const status = await new Promise((resolve) => serve.on("exit", (code) => resolve(code)));
if (status !== 0) {
  failed++;
  console.log(`FAIL kiosk serve stops on Ctrl-C with status 0, not ${status}:\n${output}`);
}
rmSync(root, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
