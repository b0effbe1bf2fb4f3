// bench/chunked.mjs results → summary figures, target verdicts and the Markdown report.
import { median, percentile } from './stats.mjs'

const KB = 1024
/** Targets of issue 13 per corpus size: first-search KB without and with facets. */
const byteTargets = { 10000: { plain: 150, faceted: 400 }, 50000: { plain: 300, faceted: 800 } }
const maxSearchRequests = 6
const maxBuildRatio = 1.2

const ok = (record) => record !== undefined && !record.error
const kb = (bytes) =>
  bytes === undefined || Number.isNaN(bytes) ? '—' : `${(bytes / KB).toFixed(bytes < 10 * KB ? 1 : 0)} KB`
const mb = (bytes) => (bytes === undefined ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MB`)
const msf = (ms) =>
  ms === undefined || Number.isNaN(ms) ? '—' : ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`
const s = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`)
const pct = (v) => (v === undefined || Number.isNaN(v) ? '—' : `${Math.round(v * 100)}%`)
const verdict = (met) => (met === undefined ? '' : met ? '✓' : '✗')
const cell = (v) => String(v ?? '—').replace(/\|/g, '\\|')
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n')

/** Median, p90 and max of a list of first-search rows' field, with the query of the max. */
function spreadOf(rows, pick) {
  const values = rows.map(pick)
  const top = rows.reduce((a, b) => (pick(b) > pick(a) ? b : a), rows[0])
  return { median: median(values), p90: percentile(values, 90), max: Math.max(...values), maxQuery: top?.query }
}

function summarizeFirstSearch(rows, limitKB) {
  if (!rows?.length) return undefined
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.kinds)))]
  return {
    n: rows.length,
    bytes: spreadOf(rows, (r) => r.bytes),
    within: limitKB === undefined ? undefined : rows.filter((r) => r.bytes <= limitKB * KB).length,
    searchRequests: spreadOf(rows, (r) => r.search.requests),
    fragmentRequests: spreadOf(rows, (r) => r.fragments.requests),
    requests: spreadOf(rows, (r) => r.requests),
    withinRequests: rows.filter((r) => r.search.requests <= maxSearchRequests).length,
    kinds: Object.fromEntries(kinds.map((k) => [k, median(rows.map((r) => r.kinds[k]?.bytes ?? 0))])),
    fewerHits: rows.filter((r) => r.hits < 10).length,
    failed: rows.filter((r) => r.failed).length,
  }
}

function summarizeBrowser(rows) {
  if (!rows?.length) return undefined
  const good = rows.filter((r) => r.error === undefined)
  return {
    n: rows.length,
    errors: rows.length - good.length,
    firstError: rows.find((r) => r.error)?.error?.slice(0, 200),
    ms: spreadOf(good, (r) => r.ms),
    pageBytes: median(good.map((r) => r.bytes)),
    requests: median(good.map((r) => r.requests)),
  }
}

const fastest = (runs, key) => Math.min(...runs.filter(ok).map((r) => r[key]))

/** Figures and target verdicts per size, from the raw records (kept in results.json beside them). */
export function summarizeChunked(results) {
  const summary = { sizes: {}, targets: [] }
  for (const [n, size] of Object.entries(results.sizes)) {
    const limits = byteTargets[n]
    const sum = (summary.sizes[n] = {})
    const pairs = (size.buildPairs ?? []).filter((p) => ok(p.single) && ok(p.chunked))
    if (pairs.length) {
      const single = fastest(
        pairs.map((p) => p.single),
        'wallMs',
      )
      const chunked = fastest(
        pairs.map((p) => p.chunked),
        'wallMs',
      )
      // CPU time (all threads) drifts less than wall time when other work shares the machine.
      const cpuRatio =
        fastest(
          pairs.map((p) => p.chunked),
          'cpuMs',
        ) /
        fastest(
          pairs.map((p) => p.single),
          'cpuMs',
        )
      sum.build = {
        single,
        chunked,
        ratio: chunked / single,
        cpuRatio,
        pairRatios: pairs.map((p) => p.chunked.wallMs / p.single.wallMs),
      }
      summary.targets.push({
        size: n,
        name: `--chunked build ≤ ${maxBuildRatio}× single-file (fastest wall time of each)`,
        value: `${sum.build.ratio.toFixed(2)}× (pairs: ${sum.build.pairRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}; CPU time ${Number.isNaN(cpuRatio) ? '—' : `${cpuRatio.toFixed(2)}×`})`,
        met: sum.build.ratio <= maxBuildRatio,
      })
    }
    const first = size.firstSearch?.result
    if (first) {
      sum.firstSearch = {}
      for (const engine of ['ours', 'pagefind']) {
        if (!first[engine]) continue
        sum.firstSearch[engine] = {
          plain: summarizeFirstSearch(first[engine].plain, engine === 'ours' ? limits?.plain : undefined),
          faceted: summarizeFirstSearch(first[engine].faceted, engine === 'ours' ? limits?.faceted : undefined),
        }
      }
      const ours = sum.firstSearch.ours
      if (limits && ours) {
        for (const mode of ['plain', 'faceted']) {
          const f = ours[mode]
          summary.targets.push({
            size: n,
            name: `first search ${mode === 'plain' ? 'without facets' : 'with 3 facets'} ≤ ${limits[mode]} KB (median over ${f.n} queries)`,
            value: `${kb(f.bytes.median)} (p90 ${kb(f.bytes.p90)}, max ${kb(f.bytes.max)}; ${f.within}/${f.n} within)`,
            met: f.bytes.median <= limits[mode] * KB,
          })
        }
      }
      if (ours) {
        const f = ours.plain
        summary.targets.push({
          size: n,
          name: `≤ ${maxSearchRequests} requests for a first search without facets (manifest + chunks; every query)`,
          value: `median ${f.searchRequests.median}, max ${f.searchRequests.max} (“${f.searchRequests.maxQuery}”); ${f.withinRequests}/${f.n} within; + ${f.fragmentRequests.median} fragment requests → ${f.requests.median} in all`,
          met: f.searchRequests.max <= maxSearchRequests,
        })
      }
    }
    const browser = size.browser?.result
    if (browser) {
      sum.browser = {}
      for (const engine of ['ours', 'pagefind']) {
        if (!browser[engine]) continue
        sum.browser[engine] = {
          plain: summarizeBrowser(browser[engine].plain),
          faceted: summarizeBrowser(browser[engine].faceted),
        }
      }
    }
    const warm = size.warm ?? {}
    sum.warm = {}
    for (const [name, record] of Object.entries(warm)) {
      if (!ok(record) || !record.result) {
        sum.warm[name] = { error: record?.error ?? 'no result' }
        continue
      }
      const r = record.result
      sum.warm[name] = {
        loadMs: r.loadMs,
        builtInProcess: r.builtInProcess,
        p50: r.plain.p50,
        p95: r.plain.p95,
        snippetsP95: r.snippets?.p95,
        facetedP95: r.faceted?.p95,
        top1: r.relevance?.top1,
        top10: r.relevance?.top10,
      }
    }
    if (sum.warm.chunked?.p95 !== undefined && sum.warm.flexsearch?.p95 !== undefined) {
      summary.targets.push({
        size: n,
        name: 'warm p95 without facets ≤ FlexSearch p95',
        value: `${msf(sum.warm.chunked.p95)} vs ${msf(sum.warm.flexsearch.p95)} (${(sum.warm.chunked.p95 / sum.warm.flexsearch.p95).toFixed(2)}×)`,
        met: sum.warm.chunked.p95 <= sum.warm.flexsearch.p95,
      })
    }
  }
  return summary
}

/** A failed step: its error and how much memory its process tree took (GNU time counts a killed helper too). */
const failed = (record) =>
  record?.error
    ? `failed: ${record.error}${record.maxRSS ? ` (peak RSS ${(record.maxRSS / 2 ** 30).toFixed(1)} GB)` : ''}`
    : '—'

const range = (f) => (f ? `${kb(f.bytes.median)} / ${kb(f.bytes.p90)} / ${kb(f.bytes.max)}` : '—')
const requestsCell = (f) =>
  f
    ? `${f.searchRequests.median} + ${f.fragmentRequests.median} (max ${f.searchRequests.max} + ${f.fragmentRequests.max})`
    : '—'
const coldCell = (b) => (b ? `${msf(b.ms.median)} / ${msf(b.ms.p90)}${b.errors ? ` (${b.errors} failed)` : ''}` : '—')

function sideBySide(n, size, sum, results) {
  const ours = sum.firstSearch?.ours
  const pf = sum.firstSearch?.pagefind
  const bo = sum.browser?.ours
  const bp = sum.browser?.pagefind
  const limits = byteTargets[n] ?? {}
  const code = results.code ?? {}
  const pagefindBuild = size.pagefindBuild?.result?.ms
  const chunkedBytes = size.bytes?.chunked
  const flex = sum.warm.flexsearch
  return table(
    ['', 'infobox-search, chunked', 'Pagefind', 'target (ours)'],
    [
      [
        'first search, no facets: median / p90 / max (gzip)',
        range(ours?.plain),
        range(pf?.plain),
        limits.plain ? `≤ ${limits.plain} KB ${verdict(ours && ours.plain.bytes.median <= limits.plain * KB)}` : '',
      ],
      [
        'first search with facets: median / p90 / max',
        range(ours?.faceted),
        pf ? `${range(pf.faceted)} (filters place, combatant: no date facet)` : '—',
        limits.faceted
          ? `≤ ${limits.faceted} KB ${verdict(ours && ours.faceted.bytes.median <= limits.faceted * KB)}`
          : '',
      ],
      [
        'requests, no facets: search + fragments, median (max)',
        requestsCell(ours?.plain),
        requestsCell(pf?.plain),
        `≤ ${maxSearchRequests} ${verdict(ours && ours.plain.searchRequests.max <= maxSearchRequests)} (search requests, every query)`,
      ],
      [
        'requests with facets: search + fragments, median (max)',
        requestsCell(ours?.faceted),
        requestsCell(pf?.faceted),
        '',
      ],
      [
        'runtime code (gzip, not in the figures above)',
        `browser.js ${kb(code.oursRuntime)}`,
        `pagefind.js ${kb(code.pagefindScript)} + pagefind-worker.js ${kb(code.pagefindWorker)} (its WebAssembly is in the figures above)`,
        '',
      ],
      [
        `cold first search in Chromium, no facets: median / p90 (${bo?.plain?.n ?? '—'} queries)`,
        coldCell(bo?.plain),
        coldCell(bp?.plain),
        '',
      ],
      ['cold first search in Chromium, with facets: median / p90', coldCell(bo?.faceted), coldCell(bp?.faceted), ''],
      [
        'bytes of the whole cold page (HTML + code + index), median, no facets',
        `${kb(bo?.plain?.pageBytes)} in ${bo?.plain?.requests ?? '—'} requests`,
        `${kb(bp?.plain?.pageBytes)} in ${bp?.plain?.requests ?? '—'} requests`,
        '',
      ],
      [
        'warm p95, no facets (Node, 20 hits)',
        sum.warm.chunked?.snippetsP95 === undefined
          ? msf(sum.warm.chunked?.p95)
          : `${msf(sum.warm.chunked?.p95)} (${msf(sum.warm.chunked.snippetsP95)} with every hit’s snippet read; FlexSearch makes none)`,
        'no Node API',
        flex?.p95 !== undefined
          ? `≤ FlexSearch ${msf(flex.p95)} ${verdict(sum.warm.chunked?.p95 <= flex.p95)}`
          : `FlexSearch: ${flex?.error ?? 'not run'}`,
      ],
      [
        `build (CLI, --jobs ${results.options.jobs}; Pagefind: its index + write from parsed documents)`,
        sum.build
          ? `${s(sum.build.chunked)} (${sum.build.ratio.toFixed(2)}× the single file's ${s(sum.build.single)}; CPU time ${sum.build.cpuRatio.toFixed(2)}×)`
          : '—',
        pagefindBuild ? `${s(pagefindBuild.total)} + parsing` : failed(size.pagefindBuild),
        sum.build ? `≤ ${maxBuildRatio}× ${verdict(sum.build.ratio <= maxBuildRatio)}` : '',
      ],
      [
        'index on disk',
        chunkedBytes ? `${chunkedBytes.files} files, ${mb(chunkedBytes.raw)} (${mb(chunkedBytes.gzip)} gzip)` : '—',
        size.bytes?.pagefind ? `${size.bytes.pagefind.files} files, ${mb(size.bytes.pagefind.raw)} (compressed)` : '—',
        '',
      ],
    ],
  )
}

function kindsTable(sum) {
  const rows = []
  for (const [engine, label] of [
    ['ours', 'infobox-search'],
    ['pagefind', 'Pagefind'],
  ]) {
    for (const mode of ['plain', 'faceted']) {
      const f = sum.firstSearch?.[engine]?.[mode]
      if (!f) continue
      rows.push([
        `${label}, ${mode === 'plain' ? 'no facets' : 'with facets'}`,
        Object.entries(f.kinds)
          .map(([k, v]) => `${k} ${kb(v)}`)
          .join(', '),
        `${f.requests.median} (max ${f.requests.max}, “${f.requests.maxQuery}”)`,
        f.fewerHits ? `${f.fewerHits} queries with < 10 hits` : '',
      ])
    }
  }
  return table(['', 'median bytes per kind of file', 'requests in all', ''], rows)
}

function heaviest(size) {
  const rows = size.firstSearch?.result?.ours
  if (!rows) return ''
  const lines = []
  for (const mode of ['plain', 'faceted']) {
    const top = [...rows[mode]].sort((a, b) => b.bytes - a.bytes).slice(0, 3)
    for (const r of top)
      lines.push([
        mode === 'plain' ? 'no facets' : 'with facets',
        `“${r.query}”`,
        kb(r.bytes),
        `${r.search.requests} + ${r.fragments.requests}`,
        Object.entries(r.kinds)
          .map(([k, v]) => `${k} ${kb(v.bytes)} in ${v.requests}`)
          .join(', '),
      ])
  }
  return table(['', 'query', 'bytes', 'requests', 'fetched'], lines)
}

function warmTable(sum) {
  const names = { chunked: 'infobox-search, chunked', flexsearch: 'FlexSearch', single: 'infobox-search, one file' }
  return table(
    ['', 'load', 'p50', 'p95', 'p95, every hit’s snippet read', 'faceted p95', 'known-item top-1 / top-10'],
    Object.entries(sum.warm).map(([name, w]) =>
      w.error
        ? [names[name] ?? name, w.error, '', '', '', '', '']
        : [
            names[name] ?? name,
            w.builtInProcess ? `built in process: ${s(w.loadMs)}` : msf(w.loadMs),
            msf(w.p50),
            msf(w.p95),
            w.snippetsP95 === undefined ? 'makes none' : msf(w.snippetsP95),
            msf(w.facetedP95),
            `${pct(w.top1)} / ${pct(w.top10)}`,
          ],
    ),
  )
}

function buildTable(size) {
  return table(
    ['pair', 'single file (--out)', 'chunked (--chunked)', 'ratio'],
    (size.buildPairs ?? []).map((p, i) => [
      `#${i + 1} (${Object.keys(p).join(' then ')})`,
      p.single.error ?? `${s(p.single.wallMs)} wall, ${s(p.single.cpuMs)} CPU, ${mb(p.single.maxRSS)} peak RSS`,
      p.chunked.error ?? `${s(p.chunked.wallMs)} wall, ${s(p.chunked.cpuMs)} CPU, ${mb(p.chunked.maxRSS)} peak RSS`,
      ok(p.single) && ok(p.chunked) ? `${(p.chunked.wallMs / p.single.wallMs).toFixed(2)}×` : '—',
    ]),
  )
}

export function renderChunkedReport(results) {
  const summary = results.summary ?? summarizeChunked(results)
  const m = results.machine
  const out = [
    '# Chunked index vs Pagefind',
    '',
    `${results.startedAt} → ${results.finishedAt ?? '(unfinished)'}, commit ${results.commit ?? '?'}; \`${results.command}\`.`,
    `${m.cpu}, ${m.cores} cores, ${m.ramGB} GB, Node ${m.node}; load average at start ${m.loadAverage.join(' / ')}.`,
    `Body profile \`${results.options.body}\` for every engine. KB = 1,024 bytes of response bodies (gzip as served by`,
    'bench/lib/staticServer.mjs; Pagefind’s chunks are compressed already), HTTP headers not counted.',
    'A first search = a new index object (ours: `loadChunkedIndex`; Pagefind: `createInstance`) and one search,',
    'then the first 10 hits’ fragments; “with facets” asks ours for place, combatant and date counts and makes',
    'Pagefind load its filters (place, combatant) first.',
  ]
  for (const [n, size] of Object.entries(results.sizes)) {
    const sum = summary.sizes[n]
    out.push('', `## ${Number(n).toLocaleString('en')} articles (${mb(size.corpus.bytes)} of Markdown)`, '')
    out.push(sideBySide(n, size, sum, results))
    if (sum.firstSearch) {
      out.push('', '### What a first search fetched', '', kindsTable(sum))
      out.push('', 'Heaviest first searches (ours):', '', heaviest(size))
    }
    out.push('', '### Warm queries (Node, each query’s chunks fetched once before timing)', '', warmTable(sum))
    out.push('', '### Build pairs', '', buildTable(size))
    const steps = {
      'parse for the other engines': size.prepare,
      'Pagefind build': size.pagefindBuild,
      'first-search bytes': size.firstSearch,
      Chromium: size.browser,
    }
    const failures = Object.entries(steps)
      .filter(([, r]) => r?.error)
      .map(([name, r]) => `- ${name}: ${failed(r)}`)
    if (failures.length) out.push('', 'Steps that failed:', '', ...failures)
  }
  out.push(
    '',
    '## Targets',
    '',
    table(
      ['size', 'target', 'measured', ''],
      summary.targets.map((t) => [t.size, t.name, t.value, verdict(t.met)]),
    ),
  )
  return out.join('\n')
}
