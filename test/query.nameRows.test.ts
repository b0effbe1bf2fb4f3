import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle, type Article } from '../src/build.js'
import type { FacetTable } from '../src/core/indexData.js'
import { nameKey } from '../src/search/facets/valueNames.js'
import { createValuesFacet } from '../src/search/facets/valuesFacet.js'
import { buildNameIndex } from '../src/search/query/nameIndex.js'
import { nameRows, readNameRows } from '../src/search/query/nameRows.js'
import { nameKeysOf, understandQuery } from '../src/search/query/understandQuery.js'
import { namedFacets } from '../src/search/searchIndex.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

// The name index as rows (what PostgreSQL and the engine exports keep): read back, whole or only
// the rows of the names a query or a filter gives, it answers as the static index's own name
// index and its facets' `resolve` do.

function check(name: string, articles: () => Article[]) {
  describe(`name rows: ${name}`, () => {
    const index = buildIndex(articles(), { facets: ['partof'] })
    const tables = index.data.facets.tables as Readonly<Record<string, FacetTable>>
    const rows = nameRows(tables)
    const facets = namedFacets(tables)
    /** Every name a facet's values have (themselves, labels, aliases), in other cases too, and one nothing has. */
    const names = (facet: string): string[] => {
      const table = tables[facet] as FacetTable
      const all = [
        ...table.values,
        ...Object.values(table.labels ?? {}),
        ...Object.values(table.aliases ?? {}).flatMap((aliases) => aliases.map(([alias]) => alias)),
      ]
      return [...all, ...all.map((one) => one.toUpperCase()), ...all.map((one) => one.toLowerCase()), 'Nowhere']
    }

    test('filters: every name resolves to the values the static facet resolves it to', () => {
      const read = readNameRows(rows)
      for (const facet of facets) {
        const static$ = createValuesFacet(tables[facet] as FacetTable, [], index.documentCount)
        for (const given of names(facet)) expect(read.resolve(facet, [given])).toEqual(static$.resolve([given]))
      }
    })

    test('filters: the rows of the names given are enough', () => {
      for (const facet of facets) {
        const static$ = createValuesFacet(tables[facet] as FacetTable, [], index.documentCount)
        for (const given of names(facet)) {
          const read = readNameRows(rows.filter(([key]) => key === nameKey(given)))
          expect(read.resolve(facet, [given])).toEqual(static$.resolve([given]))
        }
      }
    })

    test('queries: the suggestions of the rows of nameKeysOf(query) are those of the whole name index', () => {
      const whole = buildNameIndex(tables, facets)
      const words = facets.flatMap((facet) => names(facet).slice(0, 40))
      const query = fc
        .array(fc.oneof(fc.constantFrom(...words), fc.constantFrom('in', 'the', '19th century', 'battles', '1863')), {
          minLength: 1,
          maxLength: 5,
        })
        .map((parts) => parts.join(' '))
      fc.assert(
        fc.property(query, (text) => {
          const keys = new Set(nameKeysOf(text))
          const read = readNameRows(rows.filter(([key]) => keys.has(key)))
          expect(understandQuery(text, read.index, 2026)).toEqual(understandQuery(text, whole, 2026))
        }),
        fcParameters(300),
      )
    })
  })
}

check('fixtures', () => fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug })))
if (hasCorpus)
  check('corpus', () => corpusFiles().map((file) => parseArticle(readFileSync(corpusDir + file, 'utf8'), { file })))
else test.skip('name rows: corpus (skipped: ../shared/corpus is absent)', () => {})
