import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, extractRecord, parseArticle, resolveIndexOptions, type IndexRecord } from '../src/build.js'
import { dateKey } from '../src/index.js'
import { fixtureSlugs, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

// An oracle for facet counts: a brute-force count over the records.
const articles = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))
const options = resolveIndexOptions({ facets: ['partof'] })
const records = articles.map((a) => extractRecord(a, options))
const index = buildIndex(articles, options)

const valuesOf = (record: IndexRecord, facet: string): string[] =>
  facet === 'place'
    ? [...record.facets.place]
    : facet === 'combatant'
      ? record.facets.combatant.map((c) => c.value)
      : facet === 'kind'
        ? [...record.facets.kind]
        : [...(record.facets.extra[facet] ?? [])]
const allValues = (facet: string) => [...new Set(records.flatMap((r) => valuesOf(r, facet)))]

interface Filters {
  place: string[]
  combatant: string[]
  partof: string[]
  date?: { from: number; to: number }
}

function overlaps(record: IndexRecord, range: { from: number; to: number }): boolean {
  const date = record.facets.date
  if (date === undefined) return false
  const end = date.end === undefined ? Infinity : dateKey(date.end, 'end')
  return (
    dateKey(date.start, 'start') <= dateKey({ year: range.to }, 'end') && end >= dateKey({ year: range.from }, 'start')
  )
}

function passes(record: IndexRecord, filters: Filters, except?: string): boolean {
  for (const facet of ['place', 'combatant', 'partof'] as const) {
    if (facet === except || filters[facet].length === 0) continue
    if (!valuesOf(record, facet).some((v) => filters[facet].includes(v))) return false
  }
  return except === 'date' || filters.date === undefined || overlaps(record, filters.date)
}

const filtersArbitrary = fc.record({
  place: fc.subarray(allValues('place'), { maxLength: 3 }),
  combatant: fc.subarray(allValues('combatant'), { maxLength: 3 }),
  partof: fc.subarray(allValues('partof'), { maxLength: 2 }),
  date: fc.option(
    fc
      .tuple(fc.integer({ min: -1500, max: 2100 }), fc.integer({ min: 0, max: 2000 }))
      .map(([from, span]) => ({ from: from || 1, to: from + span || 1 })),
    { nil: undefined },
  ),
})

describe('facet counts equal a brute-force count', () => {
  test('for random filter combinations (disjunctive within, conjunctive across)', () => {
    fc.assert(
      fc.property(filtersArbitrary, fc.constantFrom('', 'battle', 'war', 'syria', 'king'), (filters, query) => {
        const matching = new Set(
          query === '' ? records.map((r) => r.id) : index.search(query, { limit: 1000 }).hits.map((h) => h.id),
        )
        const active = Object.fromEntries(
          Object.entries(filters).filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length > 0)),
        )
        const result = index.search(query, {
          filters: active,
          facets: { place: { limit: 1000 }, combatant: { limit: 1000 }, partof: { limit: 1000 } },
          limit: 1000,
        })
        const expectedHits = records.filter((r) => matching.has(r.id) && passes(r, filters as Filters)).map((r) => r.id)
        expect(result.hits.map((h) => h.id).sort()).toEqual(expectedHits.sort())
        expect(result.total).toBe(expectedHits.length)
        for (const facet of ['place', 'combatant', 'partof'] as const) {
          const counts = new Map<string, number>()
          for (const record of records) {
            if (!matching.has(record.id) || !passes(record, filters as Filters, facet)) continue
            for (const value of new Set(valuesOf(record, facet))) counts.set(value, (counts.get(value) ?? 0) + 1)
          }
          const selected: string[] = filters[facet]
          for (const value of selected) if (!counts.has(value)) counts.set(value, 0)
          const actual = Object.fromEntries(result.facets[facet].map((c) => [c.value, c.count]))
          expect(actual).toEqual(Object.fromEntries(counts))
        }
      }),
      fcParameters(200),
    )
  })

  test('counts are sorted by count, then value', () => {
    const counts = index.search('', { facets: { combatant: { limit: 1000 } } }).facets.combatant
    const sorted = [...counts].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    expect(counts).toEqual(sorted)
  })
})
