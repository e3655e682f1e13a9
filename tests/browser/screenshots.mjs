// Whole-page screenshots of a service plan and a service page in both languages, at 320,
// 390 and 1280 CSS px, for people to look at: the tables stacked on phones, using the page's
// width on a desktop. Written to SCREENSHOTS_DIR as <page>-<width>.png.
//
// Usage: node screenshots.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium --out SCREENSHOTS_DIR
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { args, launch, serve } from "./site.mjs";

const PAGES = {
  "plan-zh": "/plans/gangshan-2018-service-plan/",
  "plan-en": "/en/plans/gangshan-2018-service-plan/",
  "sop-zh": "/services/household-transcript/",
  "sop-en": "/en/services/household-transcript/",
};
const WIDTHS = [320, 390, 1280];

mkdirSync(args.out, { recursive: true });
const server = await serve(args.site);
const browser = await launch(args.chromium);
let failed = 0;
for (const width of WIDTHS) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const [name, path] of Object.entries(PAGES)) {
    const file = join(args.out, `${name}-${width}.png`);
    await page.goto(server.origin + path, { waitUntil: "load" });
    await page.screenshot({ path: file, fullPage: true });
    if (statSync(file).size < 10000) {
      failed++;
      console.log(`FAIL ${path} at ${width} px: an empty screenshot`);
    }
  }
  await page.close();
}
await browser.close();
server.close();
console.log(`${WIDTHS.length * Object.keys(PAGES).length - failed} written, ${failed} failed: ${args.out}`);
process.exit(failed ? 1 : 0);
