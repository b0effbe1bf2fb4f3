// The example search box (examples/search-box/) in a real headless Chromium,
// checked against `index.search` run in Node on the same index file (the oracle).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startServer, type RunningServer } from '../../scripts/serve.mjs'
import type { SearchIndex, SearchOptions, SearchResult } from '../../src/index.js'

const chromiumPath = '/usr/bin/chromium'
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const screenshotPath = path.join(repoRoot, 'test-results', 'search-box.png')

/** Text an article could use to run script in a careless page. */
const hostile = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>window.__pwned=1</script>',
  entity: '&lt;script&gt;',
}
const hostileArticle = `---
title: "Battle of Zorblax ${hostile.img}"
shortDescription: "Zorblax test ${hostile.script} article"
description: "The Battle of Zorblax ${hostile.img} was a hostile test ${hostile.entity} fought in 1500."
img: "javascript:alert(1)"
infoboxes:
  - conflict:
      text: "Battle of Zorblax ${hostile.img}"
    date:
      text: 1 May 1500
    place:
      text: "Zorblax ${hostile.img}, ${hostile.script} Land"
    combatant1:
      text: "${hostile.script} Legion"
    combatant2:
      text: "${hostile.entity} Guard ${hostile.img}"
---

The **Battle of Zorblax** ${hostile.img} was fought by the ${hostile.script} Legion against the ${hostile.entity} Guard.

Zorblax chroniclers wrote \`${hostile.img}\` and ${hostile.script} on every wall, and the word ${hostile.entity} too.
`

/** `expect.poll` with room for a loaded machine (the page debounces typing by 120 ms). */
const poll: typeof expect.poll = (check, options) => expect.poll(check, { timeout: 5_000, ...options })

/** The facets the page asks for; the oracle asks for the same. */
const facetRequest = {
  place: { level: 0, limit: 1000 },
  combatant: { limit: 1000 },
  date: { interval: 'century' },
} as const

describe.skipIf(!existsSync(chromiumPath))('search box example in Chromium', () => {
  let dir: string
  let server: RunningServer
  let browser: Browser
  let context: BrowserContext
  let oracle: SearchIndex
  /** The example page with the test index. */
  let pageUrl: string
  /** Pages of the real Wikipedia, which results link to, are answered locally. */
  const articlePages: string[] = []
  /** Messages of every alert/confirm/prompt any page opened: there must be none. */
  const dialogs: string[] = []

  beforeAll(async () => {
    if (!existsSync(path.join(repoRoot, 'dist', 'index.js')) || !existsSync(path.join(repoRoot, 'dist', 'cli.js'))) {
      execFileSync('npx', ['tsup'], { cwd: repoRoot, stdio: 'ignore' })
    }
    dir = await mkdtemp(path.join(tmpdir(), 'infobox-search-browser-'))
    await mkdir(path.join(dir, 'articles', 'battle-of-zorblax'), { recursive: true })
    await writeFile(path.join(dir, 'articles', 'battle-of-zorblax', 'index.md'), hostileArticle)
    const indexFile = path.join(dir, 'index.json')
    execFileSync(
      process.execPath,
      ['dist/cli.js', 'build', 'fixtures', path.join(dir, 'articles'), '--out', indexFile, '--quiet'],
      { cwd: repoRoot },
    )
    // The oracle: the same built library, in Node, on the same file.
    const library = (await import(
      pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href
    )) as typeof import('../../src/index.js')
    oracle = library.loadIndex(await readFile(indexFile, 'utf8'))

    server = await startServer({ root: repoRoot, mounts: { '/__test__/': dir } })
    pageUrl = `${server.url}/examples/search-box/?index=/__test__/index.json`
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    // Fail with Playwright's message well before the test's own timeout.
    context.setDefaultTimeout(10_000)
    // Offline: our server only; article links are answered with a stub page.
    await context.route('**/*', async (route) => {
      const url = route.request().url()
      if (url.startsWith(server.url)) return route.continue()
      if (url.startsWith('https://en.wikipedia.org/')) {
        articlePages.push(url)
        return route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><title>Article</title><p>Article</p>',
        })
      }
      return route.abort()
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  /** A fresh page at `search` (query string after the index parameter); waits for the index. */
  async function open(search = ''): Promise<Page> {
    const page = await context.newPage()
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(`${pageUrl}${search}`)
    await page.waitForSelector('#search-box:not([data-state="loading"])')
    return page
  }

  const search = (query: string, options: SearchOptions = {}): SearchResult =>
    oracle.search(query, { facets: facetRequest, ...options })

  /** Hit ids on screen, read from the result links. */
  const hitTitles = (page: Page) =>
    page.$$eval('#search-results [role="option"] .hit-title', (links) => links.map((a) => a.textContent ?? ''))
  const titles = (result: SearchResult) => result.hits.map((hit) => hit.title)

  /** A facet's checkboxes as shown: value, count, checked. */
  const facetOnScreen = (page: Page, name: string) =>
    page.$$eval(`#facet-${name} label`, (labels) =>
      labels.map((label) => ({
        value: (label.querySelector('input') as HTMLInputElement).value,
        count: Number((label.querySelector('.facet-count')?.textContent ?? '').replace(/\D/g, '')),
        checked: (label.querySelector('input') as HTMLInputElement).checked,
      })),
    )

  /** Every value shown has the oracle's count; the oracle's top values are all shown. */
  async function expectFacet(page: Page, name: string, expected: SearchResult, selected: readonly string[]) {
    const counts = expected.facets[name] as readonly { value: string; count: number }[]
    const expectedShown = counts
      .filter((c, i) => i < 8 || selected.includes(c.value))
      .map(({ value, count }) => ({ value, count, checked: selected.includes(value) }))
    await poll(() => facetOnScreen(page, name)).toEqual(expectedShown)
  }

  /** Text of the first element matching `selector`, '' when there is none. */
  const text = async (page: Page, selector: string) =>
    (await page.locator(selector).count()) === 0 ? '' : ((await page.locator(selector).first().textContent()) ?? '')
  const attr = (page: Page, selector: string, name: string) => page.locator(selector).first().getAttribute(name)
  const checkbox = (page: Page, name: string, value: string) =>
    page.locator(`#facet-${name} input[value=${JSON.stringify(value)}]`)

  test('types a query: the best hit comes first, with a highlighted snippet; time to first results', async () => {
    // Time from navigation start to the first query's results on screen.
    const timed = await open('&q=thermopylae')
    await poll(() => hitTitles(timed)).toEqual(titles(search('thermopylae')))
    const firstResults = await timed.evaluate(
      () => performance.getEntriesByName('search-box:first-query-results')[0]?.startTime ?? NaN,
    )
    const indexLoaded = await timed.evaluate(
      () => performance.getEntriesByName('search-box:index-loaded')[0]?.startTime ?? NaN,
    )
    console.log(
      `search box: index loaded ${indexLoaded.toFixed(0)} ms, first query's results rendered ${firstResults.toFixed(0)} ms after navigation start`,
    )
    await timed.close()

    const page = await open()
    await poll(() => text(page, '#search-status')).toMatch(/\d+ articles?/)
    await page.locator('#search-input').fill('austerlitz')
    const expected = search('austerlitz')
    expect(expected.hits[0]?.id).toMatch(/austerlitz/)
    await poll(() => hitTitles(page)).toEqual(titles(expected))
    await poll(() => text(page, '#hit-0 .hit-snippet mark')).toMatch(/austerlitz/i)
    await poll(() => text(page, '#search-status')).toContain('for “austerlitz”')
    expect(new URL(page.url()).searchParams.get('q')).toBe('austerlitz')
    await page.close()
  })

  test('place checkboxes: multi-select with disjunctive counts', async () => {
    const query = 'battle'
    const page = await open(`&q=${query}`)
    const unfiltered = search(query)
    await poll(() => hitTitles(page)).toEqual(titles(unfiltered))
    const places = (unfiltered.facets['place'] as readonly { value: string }[]).slice(0, 2).map((c) => c.value)
    expect(places).toHaveLength(2)
    const [first, second] = places as [string, string]

    await checkbox(page, 'place', first).check()
    const one = search(query, { filters: { place: [first] } })
    await poll(() => hitTitles(page)).toEqual(titles(one))
    await expectFacet(page, 'place', one, [first])
    await expectFacet(page, 'combatant', one, [])

    await checkbox(page, 'place', second).check()
    const two = search(query, { filters: { place: [first, second] } })
    await poll(() => hitTitles(page)).toEqual(titles(two))
    // Disjunctive: place counts ignore the place filter, so they are the unfiltered ones…
    expect(two.facets['place']).toEqual(unfiltered.facets['place'])
    await expectFacet(page, 'place', two, [first, second])
    // …while other facets count only the articles in either place; values OR-ed.
    await expectFacet(page, 'combatant', two, [])
    expect(two.total).toBeGreaterThanOrEqual(one.total)
    await poll(() => text(page, '#search-status')).toContain(`${two.total} article`)
    expect(new URL(page.url()).searchParams.getAll('place')).toEqual([first, second])

    // Combatant AND place.
    const combatant = (two.facets['combatant'] as readonly { value: string }[])[0]?.value
    if (combatant !== undefined) {
      await checkbox(page, 'combatant', combatant).check()
      const both = search(query, { filters: { place: [first, second], combatant: [combatant] } })
      await poll(() => hitTitles(page)).toEqual(titles(both))
      await expectFacet(page, 'place', both, [first, second])
      await expectFacet(page, 'combatant', both, [combatant])
    }
    await page.close()
  })

  test('date range: typed years (BC allowed) and histogram bars', async () => {
    const page = await open()
    await poll(() => hitTitles(page)).toEqual(titles(search('')))

    await page.locator('#date-from').fill('500 BC')
    await page.locator('#date-to').fill('1500')
    const typed = search('', { filters: { date: { from: -500, to: 1500 } } })
    await poll(() => hitTitles(page)).toEqual(titles(typed))
    expect(typed.total).toBeLessThan(search('').total)
    expect(new URL(page.url()).searchParams.get('from')).toBe('-500')
    expect(new URL(page.url()).searchParams.get('to')).toBe('1500')

    // The histogram ignores the date filter (disjunctive) and marks the bars in range.
    const buckets = typed.facets['date'] as readonly { value: string; from: number; to: number; count: number }[]
    await poll(() => page.$$eval('#date-histogram .bar-label', (labels) => labels.map((l) => l.textContent))).toEqual(
      buckets.map((b) => b.value),
    )
    const pressed = await page.$$eval('#date-histogram .bar[aria-pressed="true"] .bar-label', (labels) =>
      labels.map((l) => l.textContent),
    )
    expect(pressed).toEqual(buckets.filter((b) => b.from <= 1500 && b.to >= -500).map((b) => b.value))

    // Click a bar: the range becomes that century.
    const bucket = buckets.find((b) => b.from > 1800) ?? buckets[0]
    if (bucket === undefined) throw new Error('no dated article in the fixtures')
    await page.locator(`#date-histogram .bar[data-from="${bucket.from}"]`).click()
    const clicked = search('', { filters: { date: { from: bucket.from, to: bucket.to } } })
    await poll(() => hitTitles(page)).toEqual(titles(clicked))
    expect(await page.locator('#date-from').inputValue()).toBe(
      bucket.from < 0 ? `${-bucket.from} BC` : String(bucket.from),
    )
    expect(await page.locator('#date-to').inputValue()).toBe(bucket.to < 0 ? `${-bucket.to} BC` : String(bucket.to))

    // Nonsense is refused with a message, not searched.
    await page.locator('#date-from').fill('yesterday')
    await poll(() => page.locator('#date-error').isVisible()).toBe(true)
    expect(await attr(page, '#date-from', 'aria-invalid')).toBe('true')
    await page.close()
  })

  test('restores a search from its URL, and on back/forward', async () => {
    const base = search('battle')
    const place = (base.facets['place'] as readonly { value: string }[])[0]?.value ?? ''
    const params = new URLSearchParams({ q: 'battle', place, from: '1000', to: '2000', interval: 'decade' })
    const page = await open(`&${params}`)
    const expected = search('battle', {
      filters: { place: [place], date: { from: 1000, to: 2000 } },
      facets: { ...facetRequest, date: { interval: 'decade' } },
    })
    await poll(() => hitTitles(page)).toEqual(titles(expected))
    expect(await page.locator('#search-input').inputValue()).toBe('battle')
    expect(await checkbox(page, 'place', place).isChecked()).toBe(true)
    expect(await page.locator('#date-from').inputValue()).toBe('1000')
    expect(await page.locator('#date-to').inputValue()).toBe('2000')
    expect(await page.locator('input[name="interval"][value="decade"]').isChecked()).toBe(true)
    const decades = (expected.facets['date'] as readonly { value: string }[]).map((b) => b.value)
    await poll(() => page.$$eval('#date-histogram .bar-label', (labels) => labels.map((l) => l.textContent))).toEqual(
      decades,
    )

    // Another search in a new history entry, then back.
    await page.evaluate(() =>
      history.pushState(null, '', `${location.pathname}?index=/__test__/index.json&q=thermopylae`),
    )
    await page.evaluate(() => history.back())
    await poll(() => hitTitles(page)).toEqual(titles(expected))
    await page.evaluate(() => history.forward())
    await poll(() => hitTitles(page)).toEqual(titles(search('thermopylae')))
    expect(await page.locator('#search-input').inputValue()).toBe('thermopylae')
    expect(await page.$$eval('#search-box input[type="checkbox"]:checked', (boxes) => boxes.length)).toBe(0)
    await page.close()
  })

  test('keyboard: arrows move the active option, Escape leaves, Enter opens', async () => {
    const page = await open()
    const input = page.locator('#search-input')
    expect(await input.getAttribute('role')).toBe('combobox')
    expect(await input.getAttribute('aria-controls')).toBe('search-results')
    expect(await attr(page, '#search-results', 'role')).toBe('listbox')
    await input.focus()
    await page.keyboard.type('battle')
    const expected = search('battle')
    await poll(() => hitTitles(page)).toEqual(titles(expected))
    expect(await input.getAttribute('aria-expanded')).toBe('true')
    expect(await input.getAttribute('aria-activedescendant')).toBeNull()

    await page.keyboard.press('ArrowDown')
    expect(await input.getAttribute('aria-activedescendant')).toBe('hit-0')
    expect(await attr(page, '#hit-0', 'aria-selected')).toBe('true')
    await page.keyboard.press('ArrowDown')
    expect(await input.getAttribute('aria-activedescendant')).toBe('hit-1')
    expect(await attr(page, '#hit-0', 'aria-selected')).toBe('false')
    expect(await attr(page, '#hit-1', 'aria-selected')).toBe('true')
    await page.keyboard.press('ArrowUp')
    expect(await input.getAttribute('aria-activedescendant')).toBe('hit-0')
    expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(1)

    // Escape: first leaves the results, then clears the query.
    await page.keyboard.press('Escape')
    expect(await input.getAttribute('aria-activedescendant')).toBeNull()
    expect(await input.inputValue()).toBe('battle')
    await page.keyboard.press('Escape')
    expect(await input.inputValue()).toBe('')
    await poll(() => hitTitles(page)).toEqual(titles(search('')))

    // Enter opens the active hit (its page on Wikipedia, answered locally here).
    await page.keyboard.type('austerlitz')
    const hit = search('austerlitz').hits[0]
    await poll(() => hitTitles(page).then((t) => t[0])).toBe(hit?.title)
    await page.keyboard.press('ArrowDown')
    await Promise.all([page.waitForURL(/en\.wikipedia\.org/), page.keyboard.press('Enter')])
    expect(page.url()).toBe(
      `https://en.wikipedia.org/wiki/${encodeURIComponent((hit?.title ?? '').replaceAll(' ', '_'))}`,
    )
    expect(articlePages).toContain(page.url())
    await page.close()
  })

  test('no results: says so and offers a way out', async () => {
    const page = await open('&q=qwxzvbnm')
    await poll(() => text(page, '#search-empty')).toContain('No article matches “qwxzvbnm”')
    expect(await page.locator('#search-results [role="option"]').count()).toBe(0)
    expect(await attr(page, '#search-input', 'aria-expanded')).toBe('false')
    await page.close()
  })

  test.each([
    ['a missing file', '/__test__/missing.json', /404/],
    ['a JSON file that is not an index', '/package.json', /not an infobox-search index/],
    ['another site', 'https://example.com/index.json', /must be on this site/],
  ])('an index that fails to load (%s) shows the error', async (_name, index, message) => {
    const page = await context.newPage()
    await page.goto(`${server.url}/examples/search-box/?index=${encodeURIComponent(index)}`)
    await page.waitForSelector('#search-box[data-state="error"]')
    expect(await page.locator('#search-error').isVisible()).toBe(true)
    expect(await text(page, '#search-error')).toContain('The search index could not be loaded.')
    expect(await text(page, '#search-error')).toMatch(message)
    expect(await page.locator('#search-input').isDisabled()).toBe(true)
    expect(await text(page, '#search-status')).toBe('Search is unavailable.')
    await page.close()
  })

  test('a library that fails to load shows the error, not an endless "Loading"', async () => {
    const page = await context.newPage()
    await page.route('**/dist/browser.js', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }),
    )
    await page.goto(pageUrl)
    await page.waitForSelector('#search-box[data-state="error"]')
    expect(await text(page, '#search-error')).toContain('The search library could not be loaded.')
    expect(await text(page, '#search-error')).toContain('/dist/browser.js')
    expect(await page.locator('#search-input').isDisabled()).toBe(true)
    await page.close()
  })

  test('article text never runs as script: it shows as text', async () => {
    const page = await open('&q=zorblax')
    await poll(() => hitTitles(page)).toEqual(titles(search('zorblax')))
    expect(await text(page, '#hit-0 .hit-title')).toBe(`Battle of Zorblax ${hostile.img}`)
    expect(await text(page, '#hit-0 .hit-description')).toBe(`Zorblax test ${hostile.script} article`)
    expect(await text(page, '#hit-0 .hit-place')).toBe(`Zorblax ${hostile.img}, ${hostile.script} Land`)
    expect(await text(page, '#hit-0 .hit-snippet')).toContain(hostile.img)
    expect(await text(page, '#hit-0 .hit-snippet')).toContain('<script>')
    // Facet values with markup are labels, not markup.
    const combatants = await page.$$eval('#facet-combatant .facet-label', (labels) => labels.map((l) => l.textContent))
    expect(combatants).toContain(`${hostile.entity} Guard`)
    // Nothing from the article became an element, and nothing ran.
    expect(await page.locator('#search-box img, #search-box script').count()).toBe(0)
    // Let a would-be onerror fire.
    await page.waitForTimeout(200)
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])

    // Also when browsing (no query) and when opened.
    await page.locator('#search-input').fill('')
    await poll(() => hitTitles(page)).toEqual(titles(search('')))
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
    await page.close()
  })

  test('screenshot of a results page', async () => {
    const page = await open('&q=battle')
    await poll(() => hitTitles(page)).toEqual(titles(search('battle')))
    await mkdir(path.dirname(screenshotPath), { recursive: true })
    await page.screenshot({ path: screenshotPath })
    await page.close()
    expect(dialogs).toEqual([])
  })
})
