// Bytes and requests per query, and the top 5, for briefing's search and
// Pagefind's on the same built site, each query from a cold cache in
// headless Chromium over a plain http server (no compression: what
// file:// and many static hosts give). Run by bench/search_compare.sh.
//
// usage: node search_compare.mjs BASE_URL QUERIES_JSON
//   BASE_URL serves the built site, with Pagefind's index in pagefind/
//   QUERIES_JSON: [[label, query], ...]
// Needs playwright-core (NODE_PATH) and Chromium (CHROME, default /usr/bin/chromium).
import { createRequire } from "module";
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [base, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const browser = await chromium.launch({
  executablePath: process.env.CHROME || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function measure(engine, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + "index.html");
  // Every response of the engine's own files, workers' included.
  const mine = engine === "briefing" ? "/search/" : "/pagefind/";
  const used = [];
  context.on("requestfinished", async (request) => {
    if (!request.url().includes(mine)) return;
    const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
    used.push([request.url(), sizes.responseBodySize]);
  });
  const started = Date.now();
  const top = await page.evaluate(async ([engine, query]) => {
    if (engine === "briefing") {
      const found = await window.briefingSearch.search(query, 8);
      return found.results.slice(0, 5).map((r) => r.url);
    }
    const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
    const found = await pf.search(query);
    const data = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
    return data.map((d) => d.url.replace(/^.*?\/(briefings|entities|tags)\//, "$1/"));
  }, [engine, query]);
  const ms = Date.now() - started;
  await page.waitForTimeout(200);
  await context.close();
  const bytes = used.reduce((n, [, b]) => n + b, 0);
  return { engine, query, requests: used.length, bytes, ms, top };
}

const rows = [];
for (const [label, query] of queries) {
  for (const engine of ["briefing", "pagefind"]) {
    const r = await measure(engine, query);
    r.label = label;
    rows.push(r);
  }
}
await browser.close();
console.log(JSON.stringify(rows, null, 1));
