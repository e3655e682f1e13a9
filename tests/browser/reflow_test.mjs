// Every page of a built site at phone widths in Debian's headless Chromium (WCAG 1.4.10,
// reflow): no page wider than the screen, no table in <main> that needs sideways scrolling,
// the header at most a quarter of a 390 px phone's first screen. And every table in <main>
// while its rows are stacked: each th and td with its role in Chromium's accessibility tree
// (the column headers of a table with merged cells left out, as site.css does there); and in
// the table's grid, each data cell with a column header above it and, where the table has row
// headers, one in each row-header column (group, subgroup) to its left, its headers="…"
// naming them, its data-label (what the phone layout shows) their text. What Chromium gives a
// screen reader as a cell's headers is tested through AT-SPI (platform_tables_test.py).
//
// Usage: node reflow_test.mjs --site OUTPUT_DIR --chromium /usr/bin/chromium
import { args, launch, pagePaths, serve, visit } from "./site.mjs";

// Phone screens: the narrowest WCAG asks for, and a common one.
const SCREENS = [{ width: 320, height: 568 }, { width: 390, height: 844 }];
const HEADER_SHARE = 0.25;

// For every th and td of the tables in <main>, in document order: its role in the HTML
// (th in thead: column header, th in tbody: row header, td: cell) and, for a td, the
// places of the header cells that head it in the table's grid (rowspan and colspan laid out).
function tableCells() {
  const cells = [];
  for (const [number, table] of [...document.querySelectorAll("main table")].entries()) {
    const grid = [];  // grid[row][column] = index into cells
    let row = 0;
    const place = (cell) => {
      grid[row] ??= [];
      let column = 0;
      while (grid[row][column] !== undefined) column++;
      for (let r = row; r < row + cell.rowSpan; r++) {
        grid[r] ??= [];
        for (let c = column; c < column + cell.colSpan; c++) grid[r][c] = cells.length;
      }
      return column;
    };
    const first = cells.length;
    for (const section of [table.tHead, ...table.tBodies].filter(Boolean)) {
      for (const tr of section.rows) {
        for (const cell of tr.cells) {
          const column = place(cell);
          cells.push({ kind: cell.tagName === "TD" ? "cell" : section === table.tHead
                         ? "columnheader" : "rowheader",
                       table: number, merged: table.classList.contains("merged-cells"), row, column, rows: cell.rowSpan, columns: cell.colSpan, head: [],
                       text: cell.textContent.trim(), id: cell.id, label: cell.dataset.label,
                       headers: cell.getAttribute("headers") });
        }
        row++;
      }
      grid.length = row;  // a rowspan does not reach past its row group
    }
    for (const cell of cells.slice(first)) {
      if (cell.kind !== "cell") continue;
      const heads = new Set();
      for (let r = 0; r < grid.length; r++) {
        for (let c = cell.column; c < cell.column + cell.columns; c++) {
          const other = cells[grid[r]?.[c]];
          if (other?.kind === "columnheader") heads.add(grid[r][c]);
        }
      }
      for (let r = cell.row; r < cell.row + cell.rows; r++) {
        for (let c = 0; c < cell.column; c++) {
          if (cells[grid[r]?.[c]]?.kind === "rowheader") heads.add(grid[r][c]);
        }
      }
      cell.head = [...heads].sort((a, b) => a - b);
    }
  }
  return cells;
}

// The roles Chromium's accessibility tree gives the th and td elements in <main> tables, in
// document order.
async function axRoles(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const roles = new Map(nodes.filter((node) => !node.ignored && node.backendDOMNodeId)
    .map((node) => [node.backendDOMNodeId, node.role?.value]));
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const found = [];
  const walk = (node, inMain, inTable) => {
    const name = node.nodeName;
    if (inMain && inTable && (name === "TH" || name === "TD")) found.push(roles.get(node.backendNodeId) ?? "none");
    for (const child of node.children ?? []) walk(child, inMain || name === "MAIN", inTable || (inMain && name === "TABLE"));
  };
  walk(root, false, false);
  await cdp.detach();
  return found;
}

// What is wrong with the tables of a page, as Chromium exposes them.
async function tableFaults(page) {
  const cells = await page.evaluate(tableCells);
  if (cells.length === 0) return [];
  const roles = await axRoles(page);
  const faults = [];
  const rowHeaderColumns = (table) => new Set(cells.filter((cell) => cell.table === table && cell.kind === "rowheader").map((cell) => cell.column));
  cells.forEach((cell, i) => {
    const what = `"${cell.text.slice(0, 30)}"`;
    // Stacked, a table with merged cells leaves its column headers out (site.css).
    const role = cell.merged && cell.kind === "columnheader" ? "none" : cell.kind;
    if (roles[i] !== role) faults.push(`${what} is ${roles[i]} in the accessibility tree, not ${role}`);
    if (cell.kind !== "cell") return;
    const heads = cell.head.map((h) => cells[h]);
    const columnHeads = heads.filter((head) => head.kind === "columnheader");
    if (columnHeads.length === 0) faults.push(`${what} has no column header`);
    for (const column of rowHeaderColumns(cell.table)) {
      if (column < cell.column && !heads.some((head) => head.kind === "rowheader" && head.column <= column && column < head.column + head.columns)) {
        faults.push(`${what} has no row header in column ${column + 1}`);
      }
    }
    if (cell.headers !== null) {
      const named = cell.headers.split(" ").sort().join(" ");
      const expected = heads.map((head) => head.id).sort().join(" ");
      if (named !== expected) faults.push(`${what} has headers="${cell.headers}", not "${expected}"`);
    }
    const label = columnHeads.map((head) => head.text).filter(Boolean).join(" › ");
    if ((cell.label ?? "") !== label) faults.push(`${what} is labelled "${cell.label}", not "${label}"`);
  });
  return faults;
}

const server = await serve(args.site);
const browser = await launch(args.chromium);
let passed = 0;
let failed = 0;
const fail = (message) => { failed++; console.log("FAIL " + message); };
let tablesSeen = 0;

for (const screen of SCREENS) {
  const context = await browser.newContext({ viewport: screen });
  const page = await context.newPage();
  for (const path of pagePaths(args.site)) {
    await visit(page, args.site, server.origin, path);
    const where = `${path} at ${screen.width} px`;
    const layout = await page.evaluate(() => {
      const wide = (element) => element.getBoundingClientRect().right > window.innerWidth + 0.5;
      return {
        pageWidth: document.documentElement.scrollWidth,
        // Elements that stick out of the screen: the first few, to say what to fix.
        outside: [...document.querySelectorAll("body *")]
          .filter((element) => wide(element) && !element.closest(".skip-link, .guide-tile"))
          .filter((element) => !wide(element.parentElement) || element.parentElement === document.body)
          .slice(0, 3)
          .map((element) => element.outerHTML.slice(0, 120)),
        tables: [...document.querySelectorAll("main table")].map((table) => {
          const box = table.closest(".table-scroll") ?? table;
          return { caption: table.caption?.textContent.slice(0, 40) ?? table.className,
                   scrolls: box.scrollWidth > box.clientWidth + 1 || wide(table) };
        }),
        header: document.querySelector(".site-header")?.getBoundingClientRect().height ?? 0,
      };
    });
    let ok = true;
    if (layout.pageWidth > screen.width) {
      ok = false;
      fail(`${where}: the page is ${layout.pageWidth} px wide: ${layout.outside.join(" | ")}`);
    }
    for (const table of layout.tables) {
      tablesSeen++;
      if (table.scrolls) {
        ok = false;
        fail(`${where}: the table "${table.caption}" needs sideways scrolling`);
      }
    }
    if (screen.width === 390 && layout.header > screen.height * HEADER_SHARE) {
      ok = false;
      fail(`${where}: the header is ${Math.round(layout.header)} px tall, more than a quarter of ${screen.height} px`);
    }
    for (const fault of (await tableFaults(page)).slice(0, 5)) {
      ok = false;
      fail(`${where}: ${fault}`);
    }
    if (ok) passed++;
  }
  await context.close();
}
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed (${tablesSeen} tables seen)`);
process.exit(failed ? 1 : 0);
