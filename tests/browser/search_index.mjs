// The documents of a language's search index, read as search.js reads them: for the search
// tests to answer a query the old way, from every page's whole text.
import { readFileSync } from "node:fs";
import { join } from "node:path";

// The documents of the index in `folder` (a site's search-index/), in the index's order.
export function readIndex(folder) {
  const lines = readFileSync(join(folder, "index.txt"), "utf8").split("\n");
  const documents = [];
  for (const line of lines.slice(2)) {
    if (!line) continue;
    const name = line.split(" ")[0];
    documents.push(...JSON.parse(readFileSync(join(folder, "pages", name + ".json"), "utf8")).pages);
  }
  return documents;
}
