import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import { createPostgresSearch, createSearchHandler, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

// createSearchHandler over node:http: GET and POST, input checked, errors never passed through.

const articles = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const index = buildIndex(articles, { facets: ['partof'] })

async function serve(handler: ReturnType<typeof createSearchHandler>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => void handler(request, response))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/search`, server }
}

const post = (url: string, body: string, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body })

describePostgres('createSearchHandler over PostgreSQL', (databaseUrl) => {
  let search: PostgresSearch
  let url: string
  let server: Server
  const errors: unknown[] = []
  beforeAll(async () => {
    await exportToPostgres(recordsOf(articles, { facets: ['partof'] }), {
      url: databaseUrl,
      table: 'handler_fixtures',
      options: { facets: ['partof'] },
    })
    search = createPostgresSearch({ url: databaseUrl, table: 'handler_fixtures' })
    ;({ url, server } = await serve(
      createSearchHandler(search, { onError: (error) => errors.push(error), maxLimit: 50 }),
    ))
  })
  afterAll(async () => {
    server.close()
    await search.close()
  })

  test('GET: the query string of the example page gives the static index result', async () => {
    const response = await fetch(
      `${url}?q=&place=Syria&place=France&from=-500&to=2025&facets=place,combatant,date&interval=decade&facetLimit=5&limit=7&sort=date`,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toEqual(
      JSON.parse(
        JSON.stringify(
          index.search('', {
            filters: { place: ['Syria', 'France'], date: { from: '-500', to: '2025' } },
            facets: { place: { limit: 5 }, combatant: { limit: 5 }, date: { interval: 'decade' } },
            limit: 7,
            sort: 'date',
          }),
        ),
      ),
    )
  })

  test('GET: a query naming a kind and a country, its suggestions applied; a filter named by an alias', async () => {
    const response = await fetch(`${url}?q=war+in+syria&applySuggested=true&combatant=sdf&facets=combatant`)
    expect(response.status).toBe(200)
    const options = { applySuggested: true, filters: { combatant: ['sdf'] }, facets: ['combatant'] }
    const body = (await response.json()) as ReturnType<typeof index.search>
    const expected = index.search('war in syria', options)
    expect(body.suggestedFilters).toEqual(expected.suggestedFilters)
    expect(body.hits.map((hit) => hit.id)).toEqual(['syrian-civil-war'])
    expect(body.total).toBe(expected.total)
    expect((await fetch(`${url}?q=x&understand=yes`)).status).toBe(400)
  })

  test('GET: coordinates (a radius or a box), near, sort by distance, a grid; countries by name', async () => {
    const cases = [
      [
        '?coordinates=48,10,900&sort=distance&facets=coordinates,country&cell=5',
        {
          filters: { coordinates: { near: { lat: 48, lon: 10 }, radius: 900 } },
          sort: 'distance',
          facets: { coordinates: { cell: 5 }, country: {} },
        },
      ],
      [
        '?coordinates=-10,35,45,60&near=51.5,-0.12&country=France&country=Britain&facets=continent',
        {
          filters: {
            coordinates: { box: { west: -10, south: 35, east: 45, north: 60 } },
            country: ['France', 'Britain'],
          },
          near: { lat: 51.5, lon: -0.12 },
          facets: { continent: {} },
        },
      ],
    ] as const
    for (const [query, options] of cases) {
      const response = await fetch(`${url}${query}`)
      expect(response.status).toBe(200)
      const expected = index.search('', options)
      expect(expected.total).toBeGreaterThan(0)
      expect(await response.json()).toEqual(JSON.parse(JSON.stringify(expected)))
    }
    for (const bad of ['coordinates=1,2', 'coordinates=a,b,c', 'near=1', 'cell=x', 'near=91,0', 'sort=distance'])
      expect((await fetch(`${url}?${bad}`)).status).toBe(400)
  })

  test('POST: { query, options } as JSON', async () => {
    const options = { facets: ['partof'], filters: { partof: ['Napoleonic Wars'] }, limit: 3 }
    const response = await post(url, JSON.stringify({ query: '', options }))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(index.search('', options))))
  })

  test.each([
    [
      'an unknown facet',
      () => fetch(`${url}?weather=rain`),
      400,
      /search option "facet name" must be one of this index's facets/,
    ],
    ['a parameter named __proto__', () => fetch(`${url}?__proto__=x`), 400, /received "__proto__"/],
    ['a limit over maxLimit', () => fetch(`${url}?limit=51`), 400, /"limit" must be at most 50, received 51/],
    [
      'a limit that is no number',
      () => fetch(`${url}?limit=ten`),
      400,
      /"limit" must be a whole number ≥ 0, received "ten"/,
    ],
    ['a bad date', () => fetch(`${url}?from=spring`), 400, /filters.date.from/],
    ['malformed JSON', () => post(url, '{"query":'), 400, /not valid JSON/],
    ['options that are no object', () => post(url, '{"query":"x","options":[1]}'), 400, /"options" must be an object/],
    ['another content type', () => post(url, 'q=x', 'application/x-www-form-urlencoded'), 415, /application\/json/],
    [
      'a body over 64 KB',
      () => post(url, JSON.stringify({ query: 'x'.repeat(70_000) })),
      413,
      /larger than 65536 bytes/,
    ],
    ['PUT', () => fetch(url, { method: 'PUT' }), 405, /use GET or POST/],
  ])('%s: %i with a message', async (_, request, status, message) => {
    const response = await request()
    expect(response.status).toBe(status)
    const body = (await response.json()) as { error: { message: string } }
    expect(body.error.message).toMatch(message)
  })

  test('a database that is down: 503 with a fixed message; the error goes to onError only', async () => {
    const down = createPostgresSearch({ url: 'postgres://infobox:secret@127.0.0.1:1/infobox' })
    const { url: downUrl, server: downServer } = await serve(
      createSearchHandler(down, { onError: (error) => errors.push(error) }),
    )
    const response = await fetch(`${downUrl}?q=x`)
    expect(response.status).toBe(503)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      error: { code: 'ERR_UNAVAILABLE', message: 'Search is unavailable; try again later.' },
    })
    expect(text).not.toMatch(/127\.0\.0\.1|secret|ECONNREFUSED/)
    expect(errors.at(-1)).toMatchObject({ code: 'ERR_DATABASE_CONNECT' })
    downServer.close()
    await down.close()
  })
})

describe('createSearchHandler over a static index', () => {
  test('serves the same API', async () => {
    const { url, server } = await serve(createSearchHandler(index))
    const response = await fetch(`${url}?q=cannae&limit=1`)
    expect(((await response.json()) as { hits: { id: string }[] }).hits[0]?.id).toBe('battle-of-cannae')
    server.close()
  })
})
