import type { API } from '@opensearch-project/opensearch'
import type { MultiSearchParams, Settings } from 'meilisearch'
import type { CollectionCreateSchema } from 'typesense/lib/Typesense/Collections.js'
import type { SynonymSetCreateSchema } from 'typesense/lib/Typesense/SynonymSets.js'
import type { MultiSearchRequestsWithoutUnionSchema } from 'typesense/lib/Typesense/Types.js'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, resolveIndexOptions } from '../../src/build.js'
import type { SearchOptions } from '../../src/index.js'
import {
  createEngineExport,
  engines,
  meilisearchKey,
  meilisearchSettings,
  openSearchIndexBody,
  toMeilisearchRequest,
  toOpenSearchRequest,
  toTypesenseRequest,
  typesenseSchema,
  typesenseSynonyms,
  type FacetNames,
} from '../../src/export.js'
import { fixtureSlugs, readFixture } from '../helpers.js'
import { recordsOf } from '../postgres/helpers.js'

// Golden files of every export format (documents, settings, README) and of the
// requests each engine gets for a set of searches; `vitest -u` rewrites them,
// review the diff. No engine server runs here: the requests are type-checked
// against each official client's types below (by `tsc`, in `npm test`).

// The lead profile keeps the golden documents short; the format is the same for every profile.
// The app's own front-matter fields: stored, searched and faceted.
const options = resolveIndexOptions({
  body: 'lead',
  facets: ['partof', 'tags'],
  store: ['url', 'tags'],
  fields: ['category'],
})
/** An article with front-matter fields of the app's own, east of the antimeridian. */
const levuka = parseArticle(
  `---
title: Battle of Levuka
url: /pacific/levuka
tags: [naval, pacific]
category: Sea battles of the Pacific islands
infoboxes:
  - conflict: { text: Battle of Levuka }
    date: { text: 1889 }
    place: { text: "Levuka, Ovalau, Fiji" }
    coordinates: { text: "-17.68°N, 178.83°W" }
    combatant1: { text: Kingdom of Fiji }
    combatant2: { text: Samoa }
---

A short fight in the islands of the South Pacific.
`,
  { id: 'battle-of-levuka' },
)
const articles = () => [...fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })), levuka]
const records = recordsOf(articles(), options)
const golden = (path: string) => new URL(`golden/${path}`, import.meta.url).pathname
/** The facets.json of these records, as every export writes it. */
const names = (): FacetNames => {
  const out = createEngineExport('meilisearch', { options, generator: 'infobox-search@test' })
  for (const record of records) out.add(record)
  const file = out.finish([]).find(({ file }) => file === 'facets.json')
  return JSON.parse(file?.content ?? '{}') as FacetNames
}

describe.each(engines)('%s export', (engine) => {
  test('documents, settings and README match the golden files', async () => {
    const out = createEngineExport(engine, {
      name: 'battles',
      options,
      generator: 'infobox-search@test',
      presentYear: 2026,
    })
    const documents = records.map((record) => out.add(record)).join('')
    await expect(documents).toMatchFileSnapshot(golden(`${engine}/${out.documentsFile(1)}`))
    for (const { file, content } of out.finish([out.documentsFile(1)]))
      await expect(content).toMatchFileSnapshot(golden(`${engine}/${file}`))
  })
})

/** Searches whose requests are kept as golden files. */
const searches: readonly (readonly [name: string, query: string, options: SearchOptions])[] = [
  ['a query with the defaults', 'cannae', {}],
  [
    'browsing with filters, facets, sort and page',
    '',
    {
      filters: { place: ['Syria', 'Iraq'], combatant: ['Asayish'], date: { from: -500, to: '1945-09' } },
      facets: { place: { limit: 5 }, combatant: {}, date: { interval: 'decade' } },
      sort: '-date',
      limit: 10,
      offset: 20,
    },
  ],
  [
    'exact terms, all required, a place level, date order, a boost',
    'hannibal varro',
    {
      fuzzy: false,
      prefix: false,
      combineWith: 'AND',
      facets: { place: { level: 0 }, partof: {} },
      filters: { partof: ['Second Punic War'] },
      sort: 'date',
      boost: { title: 10 },
    },
  ],
  [
    'an empty value list matches nothing; an open date range',
    'siege',
    { filters: { kind: [], date: { from: 1600 } }, facets: ['kind', 'date'], fuzzy: 2 },
  ],
  [
    'names: a filter by an alias, a query naming a side, a place and a century (ranked first)',
    'sdf syria 21st century',
    { filters: { combatant: ['allies'] }, facets: ['combatant'] },
  ],
  [
    'names: the suggestions applied as filters',
    'battles in syria',
    { applySuggested: true, facets: ['place', 'kind'] },
  ],
  [
    'names: a name of a side and a country, applied as one condition',
    'france',
    { applySuggested: true, facets: ['country'] },
  ],
  [
    'coordinates: a box across the antimeridian, a front-matter facet, nearest first',
    '',
    {
      filters: { coordinates: { box: { west: 170, south: -20, east: -170, north: -10 } }, tags: ['naval'] },
      near: { lat: -18, lon: 178 },
      sort: 'distance',
    },
  ],
  [
    'coordinates: a radius (nearest first from its centre), countries and continents counted',
    'battle',
    {
      filters: { coordinates: { near: { lat: 48, lon: 10 }, radius: 900 }, continent: ['Europe'] },
      facets: ['country', 'continent'],
      sort: 'distance',
    },
  ],
]

describe('requests', () => {
  test.each(engines)('%s: requests for a set of searches match the golden file', async (engine) => {
    const translate = {
      opensearch: toOpenSearchRequest,
      meilisearch: toMeilisearchRequest,
      typesense: toTypesenseRequest,
    }[engine]
    const facetNames = names()
    const requests = Object.fromEntries(
      searches.map(([name, query, searchOptions]) => [
        name,
        translate(query, searchOptions, {
          index: 'battles',
          facets: ['partof', 'tags'],
          ...(name.startsWith('names:') ? { names: facetNames } : {}),
        }),
      ]),
    )
    await expect(`${JSON.stringify(requests, null, 2)}\n`).toMatchFileSnapshot(golden(`requests/${engine}.json`))
  })

  test('options are checked as the static index checks them', () => {
    for (const translate of [toOpenSearchRequest, toMeilisearchRequest, toTypesenseRequest]) {
      expect(() => translate('', { facets: ['weather'] })).toThrow(
        `infobox-search: search option "facet name" must be one of this index's facets, date, coordinates, combatant, continent, country, kind, place (extra facets are chosen at build time with the "facets" option), received "weather".`,
      )
      expect(() => translate('', { filters: { date: { from: 'spring' } } })).toThrow(
        /search option "filters.date.from" must be a year number/,
      )
    }
  })

  test('the coordinates grid: OpenSearch histograms of lat and lon with mean points; the others refuse it', () => {
    const searchOptions = { facets: { coordinates: { cell: 5 } }, filters: { kind: ['military conflict'] } }
    const { body } = toOpenSearchRequest('', searchOptions)
    expect(body.aggs['coordinates']).toEqual({
      filter: { bool: { filter: [{ terms: { facet_kind: ['military conflict'] } }] } },
      aggs: {
        cells: {
          histogram: { field: 'lat', interval: 5, min_doc_count: 1 },
          aggs: {
            lon: {
              histogram: { field: 'lon', interval: 5, min_doc_count: 1 },
              aggs: { lat: { avg: { field: 'lat' } }, lon: { avg: { field: 'lon' } } },
            },
          },
        },
      },
    })
    for (const [translate, engine] of [
      [toMeilisearchRequest, 'Meilisearch'],
      [toTypesenseRequest, 'Typesense'],
    ] as const)
      expect(() => translate('', searchOptions)).toThrow(
        `infobox-search: search option "facets" must be facets other than 'coordinates' (${engine} cannot count points in grid cells; count the hits' lat and lon, or use OpenSearch or PostgreSQL), received "coordinates".`,
      )
  })

  test('with facets.json, filters resolve names and the query gives the suggestions of the static index', () => {
    const index = buildIndex(articles(), options)
    const settings = { facets: ['partof', 'tags'], names: names() }
    for (const [query, searchOptions] of [
      ['sdf syria 21st century', {}],
      ['battles of the roman republic in 216 bc', { applySuggested: true }],
      ['kingdom of france', { filters: { combatant: ['france', 'SDF'] } }],
    ] as const) {
      const { suggestedFilters } = index.search(query, searchOptions)
      for (const translate of [toOpenSearchRequest, toMeilisearchRequest, toTypesenseRequest])
        expect(translate(query, searchOptions, settings).suggestedFilters).toEqual(suggestedFilters)
    }
    const { filter } =
      toMeilisearchRequest('', { filters: { combatant: ['sdf', 'Allies'] } }, settings).queries[0] ?? {}
    expect(filter).toEqual(['facet_combatant IN ["Syrian Democratic Forces", "Allies of World War II"]'])
    expect(() => toMeilisearchRequest('', {}, { names: { format: 'other' } as unknown as FacetNames })).toThrow(
      'infobox-search: the "names" setting must be the facets.json of an engine export (format "infobox-search-facet-names"); pass JSON.parse of that file, or leave it out.',
    )
  })

  test('Meilisearch keys: letters, digits and "-" kept, everything else as _xx, so two ids never share a key', () => {
    expect(meilisearchKey('battles/cannae')).toBe('battles_2fcannae')
    expect(meilisearchKey('a_2f')).toBe('a_5f2f')
    expect(meilisearchKey('Łódź')).toBe('_c5_81_c3_b3d_c5_ba')
  })

  test('the requests and settings have the types of each official client', () => {
    // Compile-time checks: these assignments fail `tsc` when a request does not fit the client.
    const openSearch: API.Search_Request = toOpenSearchRequest('cannae', searches[1]?.[2] ?? {})
    const openSearchIndex: API.Indices_Create_RequestBody = openSearchIndexBody([['sdf', ['syrian democratic forces']]])
    const meilisearch: MultiSearchParams = { queries: toMeilisearchRequest('cannae', searches[1]?.[2] ?? {}).queries }
    const meilisearchIndex: Settings = meilisearchSettings(['facet_place'], [['sdf', ['syrian democratic forces']]])
    const typesense: MultiSearchRequestsWithoutUnionSchema<Record<string, unknown>, string> = {
      searches: toTypesenseRequest('cannae', searches[1]?.[2] ?? {}).searches,
    }
    const typesenseCollection: CollectionCreateSchema = typesenseSchema('battles', true)
    const typesenseSynonymSet: SynonymSetCreateSchema = typesenseSynonyms([['sdf', ['syrian democratic forces']]])
    expect(
      [
        openSearch,
        openSearchIndex,
        meilisearch,
        meilisearchIndex,
        typesense,
        typesenseCollection,
        typesenseSynonymSet,
      ].every(Boolean),
    ).toBe(true)
  })
})
