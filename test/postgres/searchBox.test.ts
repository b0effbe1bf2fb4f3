// The example search box in headless Chromium, searching PostgreSQL through
// createSearchHandler (`?api=`) instead of loading an index file: what it
// shows is what `createPostgresSearch` answers.
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startServer, type RunningServer } from '../../scripts/serve.mjs'
import { parseArticle } from '../../src/build.js'
import { createPostgresSearch, createSearchHandler, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

const chromiumPath = '/usr/bin/chromium'
const articles = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const facets = { place: { level: 0, limit: 1000 }, combatant: { limit: 1000 }, date: { interval: 'century' } } as const

describePostgres('search box example over PostgreSQL', (url) => {
  let search: PostgresSearch
  let server: RunningServer
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    if (!existsSync(chromiumPath)) return
    await exportToPostgres(recordsOf(articles, {}), { url, table: 'search_box' })
    search = createPostgresSearch({ url, table: 'search_box' })
    server = await startServer({ api: createSearchHandler(search) })
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    page = await browser.newPage()
    await page.goto(`${server.url}/examples/search-box/?api=/api/search`)
    await page.waitForSelector('#search-box[data-state="ready"]')
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await search?.close()
  })

  const titles = () =>
    page.$$eval('#search-results [role="option"] .hit-title', (links) => links.map((a) => a.textContent ?? ''))

  test.skipIf(!existsSync(chromiumPath))(
    'typing a query and ticking a place show what PostgreSQL answers',
    async () => {
      const browse = await search.search('', { facets, limit: 20 })
      await expect.poll(titles, { timeout: 5_000 }).toEqual(browse.hits.map((hit) => hit.title))

      await page.fill('#search-input', 'battle')
      const battle = await search.search('battle', { facets, limit: 20 })
      await expect.poll(titles, { timeout: 5_000 }).toEqual(battle.hits.map((hit) => hit.title))

      const place = battle.facets.place[0]?.value ?? ''
      await page.check(`#facet-place input[value="${place}"]`)
      const filtered = await search.search('battle', { facets, limit: 20, filters: { place: [place] } })
      await expect.poll(titles, { timeout: 5_000 }).toEqual(filtered.hits.map((hit) => hit.title))
      expect(new URL(page.url()).searchParams.get('api')).toBe('/api/search')
    },
  )
})
