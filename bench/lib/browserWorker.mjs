// Cold first search in headless Chromium: a new browser context (empty cache)
// per query, navigation to a minimal page on a local static server
// (lib/staticServer.mjs), which loads the engine, searches and renders the
// first `limit` hits; the time is the page's `performance.now()` (ms since
// navigation start) at the first animation frame after the hits are in the
// DOM. Ours: dist/browser.js + loadChunkedIndex; Pagefind: its pagefind.js
// (with its web worker, as it runs by default). Queries alternate between the
// engines; one page per engine is loaded first and not counted.
//   node browserWorker.mjs --ours <chunked dir> [--pagefind <dir>] --dist <dist dir>
//        --queries <json> --result <json> [--limit 10] [--count n] [--chromium /usr/bin/chromium]
import { readFileSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { readArgs, toInt } from './args.mjs'
import { startStaticServer } from './staticServer.mjs'

const args = readArgs(process.argv.slice(2), {
  ours: { type: 'string' },
  pagefind: { type: 'string' },
  dist: { type: 'string' },
  queries: { type: 'string' },
  result: { type: 'string' },
  limit: { type: 'string', default: '10' },
  count: { type: 'string' },
  chromium: { type: 'string', default: '/usr/bin/chromium' },
})
const limit = toInt(args.limit, 'limit')

/** A page that runs `search` (module code returning `{ hits: [{ title, text }], total }`), renders the hits and reports. */
const page = (title, imports, search) => `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>${title}</title>
<ol id="hits"></ol>
<script type="module">
${imports}
const params = new URLSearchParams(location.search)
const query = params.get('q')
const faceted = params.has('faceted')
const limit = ${limit}
try {
  const { hits, total } = await (async () => {
${search}
  })()
  const list = document.getElementById('hits')
  for (const hit of hits) {
    const item = document.createElement('li')
    const heading = document.createElement('h3')
    heading.textContent = hit.title
    const text = document.createElement('p')
    text.textContent = hit.text
    item.append(heading, text)
    list.append(item)
  }
  requestAnimationFrame(() => {
    window.benchResult = { ms: performance.now(), hits: hits.length, total }
  })
} catch (error) {
  window.benchResult = { error: String(error?.stack ?? error) }
}
</script>
</html>`

const pages = {
  '/ours.html': page(
    'infobox-search',
    `import { loadChunkedIndex } from '/dist/browser.js'`,
    `    const index = await loadChunkedIndex('/ours/index.json')
    const result = await index.search(query, { limit, ...(faceted ? { facets: ['place', 'combatant', 'date'] } : {}) })
    return { hits: result.hits.map((h) => ({ title: h.title, text: h.snippet.text })), total: result.total }`,
  ),
  '/pagefind.html': page(
    'Pagefind',
    `import * as pagefind from '/pagefind/pagefind.js'`,
    `    if (faceted) await pagefind.filters()
    const search = await pagefind.search(query)
    const data = await Promise.all(search.results.slice(0, limit).map((r) => r.data()))
    return { hits: data.map((d) => ({ title: d.meta.title, text: d.plain_excerpt })), total: search.results.length }`,
  ),
}

const server = await startStaticServer({
  mounts: { '/dist/': args.dist, '/ours/': args.ours, ...(args.pagefind && { '/pagefind/': args.pagefind }) },
  pages,
})
const browser = await chromium.launch({
  executablePath: args.chromium,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
})

/** One cold page: a new context (no cache), navigation, wait for the page's report. */
async function firstSearch(engine, query, faceted) {
  const context = await browser.newContext()
  try {
    const tab = await context.newPage()
    const errors = []
    tab.on('pageerror', (error) => errors.push(String(error)))
    server.reset()
    const url = `${server.url}/${engine}.html?q=${encodeURIComponent(query)}${faceted ? '&faceted' : ''}`
    await tab.goto(url)
    await tab.waitForFunction(() => globalThis.benchResult !== undefined, undefined, { timeout: 60_000 })
    const report = await tab.evaluate(() => globalThis.benchResult)
    const log = server.reset()
    return {
      query,
      ...report,
      bytes: log.reduce((sum, e) => sum + e.bytes, 0),
      requests: log.length,
      ...(errors.length ? { pageErrors: errors } : {}),
    }
  } finally {
    await context.close()
  }
}

const all = JSON.parse(readFileSync(args.queries, 'utf8')).list
const queries = args.count === undefined ? all : spread(all, toInt(args.count, 'count'))
const engines = args.pagefind ? ['ours', 'pagefind'] : ['ours']
const result = Object.fromEntries(engines.map((e) => [e, { plain: [], faceted: [] }]))
result.chromium = browser.version()
try {
  for (const engine of engines) await firstSearch(engine, 'warm up the browser', false)
  for (const query of queries)
    for (const faceted of [false, true])
      for (const engine of engines)
        result[engine][faceted ? 'faceted' : 'plain'].push(await firstSearch(engine, query, faceted))
} finally {
  await browser.close()
  await server.close()
}
writeFileSync(args.result, JSON.stringify(result))

/** `count` queries spread evenly over the list (every kind of query keeps a share). */
function spread(list, count) {
  if (count >= list.length) return list
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)])
}
