// What the browser tests share: their arguments, a static server for a built site (as a web
// server would serve the output folder), the site's pages and Debian's headless Chromium.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, relative } from "node:path";
import { chromium } from "playwright-core";

// "--site out --chromium /usr/bin/chromium" -> { site: "out", chromium: "/usr/bin/chromium" }
export const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml",
                ".png": "image/png", ".js": "text/javascript", ".xml": "application/xml",
                ".json": "application/json", ".pdf": "application/pdf",
                ".txt": "text/plain; charset=utf-8" };

// Serves `site` on localhost; resolves to { origin, close }.
export async function serve(site) {
  const server = createServer((request, response) => {
    let file = join(site, decodeURIComponent(new URL(request.url, "http://localhost").pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(site) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

// Every HTML page of the site, as the paths a reader's browser asks for ("/en/faq/x/").
export function pagePaths(site, folder = site) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return pagePaths(site, path);
    if (!name.endsWith(".html")) return [];
    return [`/${relative(site, path).split("/").map(encodeURIComponent).join("/")}`
      .replace(/index\.html$/, "")];
  }).sort();
}

// The file of a page's path: "/en/faq/x/" -> SITE/en/faq/x/index.html.
export function pageFile(site, path) {
  return join(site, decodeURIComponent(path).replace(/\/$/, "/index.html"));
}

// Opens a page of the site and stays there. A redirect page (an alias, a short link) would
// leave at once; while it is open, the page it leads to answers "204 No Content", which
// leaves the browser where it is, so that a test judges it where it stands
// (redirect_test.mjs follows them).
export async function visit(page, site, origin, path) {
  const url = origin + path;
  await page.unrouteAll();
  if (readFileSync(pageFile(site, path), "utf8").includes('http-equiv="refresh"')) {
    await page.route("**/*", (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() !== url) return route.fulfill({ status: 204 });
      return route.continue();
    });
  }
  await page.goto(url, { waitUntil: "load" });
}

export function launch(executablePath) {
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
