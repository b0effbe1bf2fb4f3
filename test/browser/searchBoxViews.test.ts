// The example search box (examples/search-box/) beyond the basics, in a real
// headless Chromium: a chunked index (what a first search fetches), chips for
// the filters a query names, the map and the timeline (brushed to filter),
// the keyboard, the phone layout (screenshots kept in test-results/search-box/)
// and an axe-core scan. The oracle is the library in Node on the same files.
// Skipped without Chromium; the corpus tests without ../shared/corpus.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type RunningServer } from '../../scripts/serve.mjs'
import type { ChunkedIndex, DateBucket, SearchIndex, SearchOptions, SearchResult } from '../../src/index.js'

/** The date histogram of a result that asked for it (an untyped search's facets are listed as plain counts). */
const dateBuckets = (result: SearchResult): readonly DateBucket[] =>
  (result.facets['date'] ?? []) as readonly DateBucket[]

/** The paths under `prefix` a page fetches, in order, and their total size (raw and gzipped) once read. */
function recordResponses(page: Page, prefix: string) {
  const requested: string[] = []
  const sizes: Promise<{ raw: number; gzip: number }>[] = []
  page.on('response', (response) => {
    if (!response.url().startsWith(prefix)) return
    requested.push(response.url().slice(prefix.length))
    sizes.push(response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body).length })))
  })
  const bytes = async () =>
    (await Promise.all(sizes)).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 })
  return { requested, bytes }
}

const chromiumPath = '/usr/bin/chromium'
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpusDir = path.resolve(repoRoot, '../shared/corpus/articles')
const hasCorpus = existsSync(corpusDir)
/** Screenshots, git-ignored. */
const artifacts = path.join(repoRoot, 'test-results', 'search-box')
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** What the page asks for (examples/search-box/app.js: `facetRequests`, `pageSize`). */
const pageFacets = {
  date: { interval: 'century' },
  country: { limit: 1000 },
  place: { level: 0, limit: 1000 },
  combatant: { limit: 1000 },
  coordinates: { cell: 5 },
} as const
const pageOptions = { facets: pageFacets, limit: 20 } as const

/** `expect.poll` with room for a loaded machine (the page debounces typing by 120 ms). */
const poll: typeof expect.poll = (check, options) => expect.poll(check, { timeout: 5_000, ...options })

type Library = typeof import('../../src/index.js')

describe.skipIf(!existsSync(chromiumPath))(
  'search box example: chunked index, chips, map, timeline, phone, axe',
  () => {
    let dir: string
    let server: RunningServer
    let browser: Browser
    let context: BrowserContext
    let library: Library
    let oracle: SearchIndex

    /** A chunked index in `dir`, loaded in Node; `fetched` lists the files each load's searches read. */
    async function chunkedOracle(folder: string): Promise<{ index: ChunkedIndex; fetched: string[] }> {
      const fetched: string[] = []
      const base = `${path.join(dir, folder)}/`
      const index = await library.loadChunkedIndex(`${base}index.json`, {
        fetch: async (url) => {
          fetched.push(url.slice(base.length))
          const text = await readFile(url, 'utf8')
          return { ok: true, status: 200, statusText: 'OK', text: async () => text }
        },
      })
      return { index, fetched }
    }

    beforeAll(async () => {
      if (!existsSync(path.join(repoRoot, 'dist', 'index.js')) || !existsSync(path.join(repoRoot, 'dist', 'cli.js')))
        execFileSync('npx', ['tsup'], { cwd: repoRoot, stdio: 'ignore' })
      dir = await mkdtemp(path.join(tmpdir(), 'infobox-search-views-'))
      const build = (...args: string[]) =>
        execFileSync(process.execPath, ['dist/cli.js', 'build', ...args, '--quiet'], { cwd: repoRoot })
      build('fixtures', '--out', path.join(dir, 'index.json'))
      build('fixtures', '--chunked', path.join(dir, 'chunked'))
      if (hasCorpus) build('fixtures', corpusDir, '--chunked', path.join(dir, 'corpus'))
      library = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)) as Library
      oracle = library.loadIndex(await readFile(path.join(dir, 'index.json'), 'utf8'))
      await mkdir(artifacts, { recursive: true })

      server = await startServer({ root: repoRoot, mounts: { '/__test__/': dir } })
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      })
      context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' })
      context.setDefaultTimeout(10_000)
      // Offline: our server only (the map's outlines and libraries come from node_modules through it).
      await context.route('**/*', (route) =>
        route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
      )
    }, 120_000)

    afterAll(async () => {
      await browser?.close()
      await server?.close()
      if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    })

    /** The example page on `index` (a path under /__test__/) with `search` after it; waits for the index. */
    async function open(search = '', { index = 'index.json', on = context } = {}): Promise<Page> {
      const page = await on.newPage()
      await page.goto(`${server.url}/examples/search-box/?index=/__test__/${index}${search}`)
      await page.waitForSelector('#search-box[data-state="ready"]')
      return page
    }

    const search = (query: string, options: SearchOptions = {}): SearchResult =>
      oracle.search(query, { ...pageOptions, ...options })
    const titles = (result: SearchResult) => result.hits.map((hit) => hit.title)
    const hitTitles = (page: Page) =>
      page.$$eval('#search-results [role="option"] .hit-title', (links) => links.map((a) => a.textContent ?? ''))
    const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name)
    /** The map's dots, in order: the hits' ids. */
    const dotIds = (page: Page) =>
      page.$$eval('#map-svg .map-dot', (dots) => dots.map((dot) => dot.getAttribute('data-id') ?? ''))

    test('a chunked index: a first search fetches the manifest, the chunks its terms need and its hits, not every chunk', async () => {
      const query = 'austerlitz'
      const { index, fetched } = await chunkedOracle('chunked')
      const expected = await index.search(query, pageOptions)
      const manifest = index.manifest
      expect(expected.hits[0]?.id).toMatch(/austerlitz/)

      const page = await context.newPage()
      const prefix = `${server.url}/__test__/chunked/`
      const { requested, bytes } = recordResponses(page, prefix)
      await page.goto(`${server.url}/examples/search-box/?index=/__test__/chunked/index.json&q=${query}`)
      await poll(() => hitTitles(page)).toEqual(titles(expected))
      await poll(() => page.locator('#map-svg .map-dot').count()).toBeGreaterThan(0)

      // Exactly what the library in Node reads for the same search: the manifest (once),
      // the term and dictionary chunks of "austerlitz" and its expansions, the facet
      // files the page counts, the names the query may use, one fragment per hit.
      expect(requested.length).toBe(new Set(requested).size)
      expect(new Set(requested)).toEqual(new Set(fetched))
      const terms = requested.filter((file) => file.startsWith('terms/'))
      expect(terms.length).toBeGreaterThan(0)
      expect(terms.length).toBeLessThan(manifest.terms.hashes.length)
      expect(requested.filter((file) => file.startsWith('dictionary/')).length).toBeLessThan(
        manifest.dictionary.hashes.length,
      )
      expect(requested.filter((file) => file.startsWith('documents/'))).toHaveLength(expected.hits.length)
      expect(requested[0]).toBe('index.json')
      const { raw, gzip } = await bytes()
      console.log(
        `chunked fixtures, first search "${query}": ${requested.length} requests (${terms.length} of ${manifest.terms.hashes.length} term chunks), ${raw} bytes (${gzip} gzipped)`,
      )
      await page.close()
    })

    test.skipIf(!hasCorpus)('a chunked index of the corpus: what a first search costs', async () => {
      const query = '18th century battles bavaria'
      const { index, fetched } = await chunkedOracle('corpus')
      const expected = await index.search(query, pageOptions)
      const page = await context.newPage()
      const prefix = `${server.url}/__test__/corpus/`
      const { requested, bytes } = recordResponses(page, prefix)
      await page.goto(
        `${server.url}/examples/search-box/?index=/__test__/corpus/index.json&q=${encodeURIComponent(query)}`,
      )
      await poll(() => hitTitles(page)).toEqual(titles(expected))
      expect(new Set(requested)).toEqual(new Set(fetched))
      const terms = requested.filter((file) => file.startsWith('terms/')).length
      expect(terms).toBeLessThan(index.manifest.terms.hashes.length)
      const { raw, gzip } = await bytes()
      const fragments = requested.filter((file) => file.startsWith('documents/')).length
      console.log(
        `chunked fixtures + corpus, first search "${query}": ${requested.length} requests (manifest, ${terms} of ${index.manifest.terms.hashes.length} term chunks, ${fragments} fragments, facets and names), ${raw} bytes (${gzip} gzipped)`,
      )
      await page.close()
    })

    test('a chunked index: typing fast shows the last query, stale searches given up', async () => {
      const { index } = await chunkedOracle('chunked')
      const page = await open('', { index: 'chunked/index.json' })
      await page.locator('#search-input').pressSequentially('gettysburg')
      await poll(() => hitTitles(page)).toEqual(titles(await index.search('gettysburg', pageOptions)))
      await page.locator('#search-input').fill('')
      await page.locator('#search-input').pressSequentially('thermopylae')
      await poll(() => hitTitles(page)).toEqual(titles(await index.search('thermopylae', pageOptions)))
      expect(await page.locator('#search-status').textContent()).toContain('for “thermopylae”')
      await page.close()
    })

    test('chips: the filters a query names, one click (or Enter) applies one and takes its words out', async () => {
      const query = '19th century battles in france'
      const page = await open(`&q=${encodeURIComponent(query)}`)
      const chips = page.locator('#suggested-filters .chip')
      await poll(() => chips.allTextContents()).toEqual(
        search(query).suggestedFilters.map((s) => expect.stringContaining(s.label)),
      )
      await chips.filter({ hasText: '19th century' }).click()
      const dated = search('battles in france', { filters: { date: { from: 1801, to: 1900 } } })
      await poll(() => hitTitles(page)).toEqual(titles(dated))
      expect(await page.locator('#search-input').inputValue()).toBe('battles in france')
      expect([param(page, 'from'), param(page, 'to')]).toEqual(['1801', '1900'])
      await poll(() => page.locator('#active-filters .chip-label').allTextContents()).toEqual(['1801–1900'])
      // The focus moved to the next suggestion: Enter applies it (the country, France).
      const country = chips.filter({ hasText: 'country' })
      await country.focus()
      await page.keyboard.press('Enter')
      const both = search('battles in', { filters: { date: { from: 1801, to: 1900 }, country: ['FR'] } })
      await poll(() => hitTitles(page)).toEqual(titles(both))
      expect(new URL(page.url()).searchParams.getAll('country')).toEqual(['FR'])
      await poll(() => page.locator('#active-filters .chip-label').allTextContents()).toContain('France')
      // Each active chip removes its filter; "Clear all" every one.
      await page.locator('#active-filters .chip', { hasText: 'Date' }).click()
      await poll(() => hitTitles(page)).toEqual(titles(search('battles in', { filters: { country: ['FR'] } })))
      await page.locator('#active-filters .clear-all').click()
      await poll(() => hitTitles(page)).toEqual(titles(search('battles in')))
      expect(await page.locator('#active-filters').isHidden()).toBe(true)
      await page.close()
    })

    test.skipIf(!hasCorpus)('chips on the corpus: "18th century battles bavaria"', async () => {
      const query = '18th century battles bavaria'
      const { index } = await chunkedOracle('corpus')
      const page = await open(`&q=${encodeURIComponent(query)}`, { index: 'corpus/index.json' })
      const chips = page.locator('#suggested-filters .chip')
      await poll(() => chips.count()).toBe(3)
      const labels = await chips.allTextContents()
      for (const label of ['18th century', 'military conflict', 'Bavaria'])
        expect(labels.some((text) => text.includes(label))).toBe(true)
      await chips.filter({ hasText: 'Bavaria' }).click()
      const expected = await index.search('18th century battles', { ...pageOptions, filters: { place: ['Bavaria'] } })
      await poll(() => hitTitles(page)).toEqual(titles(expected))
      expect(expected.hits[0]?.title).toBe('Battle of Blenheim')
      await page.close()
    })

    test('map: a dot per hit with coordinates, in rank order; focus shows the title', async () => {
      const page = await open('&q=battle')
      const expected = search('battle')
      const located = expected.hits.filter((hit) => hit.coordinates !== undefined)
      expect(located.length).toBeGreaterThan(3)
      await poll(() => dotIds(page)).toEqual(located.map((hit) => hit.id))
      // The grid of all results: as many as the coordinates facet counts.
      const grid = expected.facets['coordinates'] as readonly { count: number }[]
      expect(await page.locator('#map-svg .map-cluster').count()).toBe(grid.length)
      // One tab stop for the dots; arrows go from result to result.
      expect(await page.$$eval('#map-svg .map-dot[tabindex="0"]', (dots) => dots.length)).toBe(1)
      await page.locator('#map-svg .map-dot').first().focus()
      await poll(() => page.locator('#map-tooltip').textContent()).toBe(located[0]?.title)
      await page.keyboard.press('ArrowRight')
      await poll(() => page.locator('#map-tooltip').textContent()).toBe(located[1]?.title)
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(located[1]?.id)
      expect(await page.locator('#map-summary').textContent()).toContain(
        `${located.length} of the ${expected.hits.length} results`,
      )
      await page.close()
    })

    test('map: a box dragged on it filters the results; "Filter to map view" does from the keyboard', async () => {
      const page = await open()
      await poll(() => page.locator('#map-svg .map-dot').count()).toBeGreaterThan(0)
      const frame = await page.locator('#map-svg').boundingBox()
      if (frame === null) throw new Error('no map')
      // The map's units: 2 per degree, the view 0 10 720 298 (see map.js).
      const at = (lon: number, lat: number) => ({
        x: frame.x + (((lon + 180) * 2) / 720) * frame.width,
        y: frame.y + (((90 - lat) * 2 - 10) / 298) * frame.height,
      })
      const from = at(-12, 62)
      const to = at(40, 36)
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 })
      await page.mouse.move(to.x, to.y, { steps: 4 })
      await page.mouse.up()
      await poll(() => param(page, 'box')).not.toBeNull()
      const [west, south, east, north] = (param(page, 'box') ?? '').split(',').map(Number)
      for (const [got, want] of [
        [west, -12],
        [south, 36],
        [east, 40],
        [north, 62],
      ])
        expect(Math.abs((got ?? NaN) - (want ?? NaN))).toBeLessThan(1)
      const box = { west: west!, south: south!, east: east!, north: north! }
      const expected = search('', { filters: { coordinates: { box } } })
      expect(expected.total).toBeGreaterThan(0)
      expect(expected.total).toBeLessThan(search('').total)
      await poll(() => hitTitles(page)).toEqual(titles(expected))
      await poll(() => dotIds(page)).toEqual(expected.hits.map((hit) => hit.id))
      expect(await page.locator('#map-svg .map-box').count()).toBe(1)

      // Keyboard: zoom in with the buttons, then filter to what the map shows.
      await page.locator('#active-filters .clear-all').click()
      await poll(() => param(page, 'box')).toBeNull()
      await page.locator('[data-map="in"]').click()
      await page.locator('[data-map="filter"]').click()
      await poll(() => param(page, 'box')).not.toBeNull()
      const [w, s, e, n] = (param(page, 'box') ?? '').split(',').map(Number)
      // Zoomed twice about the centre of 180°W–180°E, 59°S–85°N.
      expect([w, e]).toEqual([-90, 90])
      expect(n! - s!).toBeCloseTo(149 / 2, 0)
      const viewed = search('', { filters: { coordinates: { box: { west: w!, south: s!, east: e!, north: n! } } } })
      await poll(() => hitTitles(page)).toEqual(titles(viewed))
      await page.close()
    })

    test('timeline: bars are one control; a brushed range and the sliders set the date filter; zoom', async () => {
      const page = await open()
      const buckets = dateBuckets(search(''))
      await poll(() => page.locator('#date-histogram .bar').count()).toBe(buckets.length)
      // Not a tab stop per bar: the sliders are the keyboard's way in.
      expect(
        await page.$$eval('#date-histogram *', (all) => all.filter((e) => (e as HTMLElement).tabIndex >= 0).length),
      ).toBe(0)

      // Drag from the 15th century's bar to the 17th's.
      const bar = (from: number) => page.locator(`#date-histogram .bar[data-from="${from}"]`).boundingBox()
      const start = await bar(1401)
      const end = await bar(1601)
      if (start === null || end === null) throw new Error('no bars for the 15th and 17th centuries')
      await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
      await page.mouse.down()
      await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 6 })
      await page.mouse.up()
      await poll(() => [param(page, 'from'), param(page, 'to')]).toEqual(['1401', '1700'])
      const brushed = search('', { filters: { date: { from: 1401, to: 1700 } } })
      await poll(() => hitTitles(page)).toEqual(titles(brushed))
      expect(brushed.total).toBeLessThan(search('').total)
      const pressed = await page.$$eval('#date-histogram .bar[aria-pressed="true"] .bar-label', (labels) =>
        labels.map((label) => label.textContent),
      )
      expect(pressed).toEqual(['15th century', '16th century', '17th century'])

      // Zoom to the range: decades of 1401–1700 only.
      await page.locator('#timeline-zoom-in').click()
      await poll(() => [param(page, 'interval'), param(page, 'zoom')]).toEqual(['decade', '1401,1700'])
      const decades = dateBuckets(search('', { facets: { ...pageFacets, date: { interval: 'decade' } } }))
      const inRange = decades.filter((d) => d.to >= 1400 && d.from <= 1700).map((d) => d.value)
      await poll(() =>
        page.$$eval('#date-histogram .bar-slot:not([hidden]) .bar-label', (labels) => labels.map((l) => l.textContent)),
      ).toEqual(inRange)
      await page.locator('#timeline-zoom-out').click()
      await poll(() => param(page, 'zoom')).toBeNull()

      // Keyboard: the start slider steps one bar at a time.
      await page.locator('#active-filters .clear-all').click()
      await poll(() => param(page, 'from')).toBeNull()
      await page.locator('#timeline-from').focus()
      await page.keyboard.press('ArrowRight')
      const first = buckets[0]
      const last = buckets.at(-1)
      if (first === undefined || last === undefined) throw new Error('no dated fixtures')
      // The next century after the first bar's (13th century BC → 12th century BC).
      await poll(() => [param(page, 'from'), param(page, 'to')]).toEqual([String(first.from + 100), String(last.to)])
      const slid = search('', { filters: { date: { from: first.from + 100, to: last.to } } })
      await poll(() => hitTitles(page)).toEqual(titles(slid))
      expect(await page.locator('#timeline-from').getAttribute('aria-valuetext')).toBe(
        '12th century BC (1200 BC–1101 BC)',
      )
      await page.close()
    })

    test('keyboard: Tab reaches each result; arrows move between them; Escape goes back to the box', async () => {
      const page = await open('&q=battle')
      const expected = search('battle')
      await poll(() => hitTitles(page)).toEqual(titles(expected))
      await page.locator('#search-input').focus()
      const focused = () => page.evaluate(() => document.activeElement?.id ?? '')
      let presses = 0
      while ((await focused()) !== 'hit-0' && presses++ < 40) await page.keyboard.press('Tab')
      expect(await focused()).toBe('hit-0')
      for (let i = 1; i < expected.hits.length; i++) {
        await page.keyboard.press('Tab')
        expect(await focused()).toBe(`hit-${i}`)
      }
      await page.keyboard.press('ArrowUp')
      expect(await focused()).toBe(`hit-${expected.hits.length - 2}`)
      await page.keyboard.press('Escape')
      expect(await focused()).toBe('search-input')
      // Every focusable element shows a focus ring (a map dot: a thick ring around its circle).
      const rings = await page.$$eval(
        '#hit-0, .chip, .facet-value input, #timeline-from, #map-svg, .map-dot',
        (elements) =>
          elements.map((element) => {
            ;(element as HTMLElement).focus()
            const dot = element.matches('.map-dot') ? element.querySelector('circle') : null
            if (dot !== null) return parseFloat(getComputedStyle(dot).strokeWidth) >= 3
            const style = getComputedStyle(element)
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
          }),
      )
      expect(rings.length).toBeGreaterThan(4)
      expect(rings.every(Boolean)).toBe(true)
      await page.close()
    })

    test('long facet lists have a search box', async () => {
      const page = await open()
      const places = search('').facets['place'] as readonly { value: string }[]
      expect(places.length).toBeGreaterThan(8)
      const box = page.locator('[data-search="place"]')
      await poll(() => box.isVisible()).toBe(true)
      const wanted = places.at(-1)?.value ?? ''
      await box.fill(wanted.slice(0, 5))
      const matching = places.filter((p) => p.value.toLowerCase().includes(wanted.slice(0, 5).toLowerCase()))
      await poll(() =>
        page.$$eval('#facet-place input', (inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
      ).toEqual(matching.map((p) => p.value))
      await page.locator(`#facet-place input[value=${JSON.stringify(wanted)}]`).check()
      await poll(() => hitTitles(page)).toEqual(titles(search('', { filters: { place: [wanted] } })))
      await page.close()
    })

    test('phone (390×844): results first, filters in a panel from a button; screenshots', async () => {
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'en-US',
      })
      await phone.route('**/*', (route) =>
        route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
      )
      const query = '19th century battles in france'
      const page = await open(`&q=${encodeURIComponent(query)}`, { on: phone })
      await poll(() => hitTitles(page)).toEqual(titles(search(query)))
      expect(await page.locator('#search-filters').isVisible()).toBe(false)
      expect(await page.locator('#filters-toggle').isVisible()).toBe(true)
      // The first result is on the first screen, and nothing is wider than it.
      expect((await page.locator('#hit-0').boundingBox())?.y ?? Infinity).toBeLessThan(844)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.screenshot({ path: path.join(artifacts, 'phone-results.png') })

      await page.locator('#filters-toggle').click()
      await poll(() => page.locator('#search-filters').isVisible()).toBe(true)
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('filters-heading')
      expect(await page.locator('#filters-toggle').getAttribute('aria-expanded')).toBe('true')
      const country = (search(query).facets['country'] as readonly { value: string }[])[0]?.value ?? ''
      await page.locator(`#facet-country input[value="${country}"]`).check()
      await poll(() => hitTitles(page)).toEqual(titles(search(query, { filters: { country: [country] } })))
      await page.screenshot({ path: path.join(artifacts, 'phone-filters.png') })
      await page.keyboard.press('Escape')
      await poll(() => page.locator('#search-filters').isVisible()).toBe(false)
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('filters-toggle')
      expect((await page.locator('#filters-toggle').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Filters (1)')

      // The map starts closed on a phone; opened, it draws.
      await page.locator('#map-panel summary').click()
      await poll(() => page.locator('#map-svg .map-dot').count()).toBeGreaterThan(0)
      await page.screenshot({ path: path.join(artifacts, 'phone-map.png'), fullPage: true })
      await phone.close()
    })

    test('axe-core: no serious or critical violations (desktop with chips, map and a filter; phone with the panel open)', async () => {
      const axe = await readFile(axeSource, 'utf8')
      type Violation = { id: string; impact: string; nodes: { target: string[] }[] }
      const scan = async (page: Page) => {
        await page.addScriptTag({ content: axe })
        return page.evaluate(
          async () =>
            (await (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run())
              .violations,
        )
      }
      const serious = (violations: Violation[]) =>
        violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)

      const query = '19th century battles in france'
      const page = await open(`&q=${encodeURIComponent(query)}&place=France`)
      await poll(() => page.locator('#map-svg .map-dot').count()).toBeGreaterThan(0)
      await poll(() => page.locator('#suggested-filters .chip').count()).toBeGreaterThan(0)
      await page.screenshot({ path: path.join(artifacts, 'desktop.png'), fullPage: true })
      const desktop = await scan(page)
      console.log(`axe, desktop: ${desktop.map((v) => `${v.impact} ${v.id}`).join(', ') || 'no violations'}`)
      expect(serious(desktop)).toEqual([])
      await page.close()

      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      await phone.route('**/*', (route) =>
        route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
      )
      const small = await open(`&q=${encodeURIComponent(query)}`, { on: phone })
      await small.locator('#filters-toggle').click()
      await poll(() => small.locator('#search-filters').isVisible()).toBe(true)
      const panel = await scan(small)
      console.log(
        `axe, phone with the filters open: ${panel.map((v) => `${v.impact} ${v.id}`).join(', ') || 'no violations'}`,
      )
      expect(serious(panel)).toEqual([])
      await phone.close()
    })
  },
)
