// axe-core in Debian's headless Chromium on every page of a built site, with the WCAG 2.0,
// 2.1 and 2.2 A and AA rules, at a desktop width and at phone widths (the layout changes
// there: tables stack, the header wraps): a reader's browser, not our own checker, judges
// the pages.
//
// Usage: node axe_test.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium
import { createRequire } from "node:module";
import { args, launch, pagePaths, serve, visit } from "./site.mjs";

const require = createRequire(import.meta.url);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const WIDTHS = [1280, 390, 320];

const server = await serve(args.site);
const browser = await launch(args.chromium);
let passed = 0;
let failed = 0;
for (const width of WIDTHS) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  for (const path of pagePaths(args.site)) {
    const url = server.origin + path;
    await visit(page, args.site, server.origin, path);
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      TAGS);
    if (page.url() !== url) {
      failed++;
      console.log(`FAIL ${path} at ${width} px: the browser left it for ${page.url()} before it was checked`);
      continue;
    }
    if (result.violations.length === 0) {
      passed++;
      continue;
    }
    failed++;
    for (const violation of result.violations) {
      console.log(`FAIL ${path} at ${width} px: ${violation.id} (${violation.impact}) ${violation.help}`);
      for (const node of violation.nodes.slice(0, 3)) console.log(`     ${node.html.slice(0, 160)}`);
    }
  }
  await context.close();
}
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
