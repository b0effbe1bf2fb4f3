import { describe, expect, test } from 'vitest'
import { buildIndex, extractCombatants, extractFieldValues, extractPlaces, parseArticle } from '../../src/build.js'
import { maxFieldLinks, maxFieldSegments, maxSegmentLength } from '../../src/extract/facets/matchLinks.js'
import type { InfoboxField } from '../../src/parse/article.js'
import { article } from '../helpers.js'
import { measure } from './helpers.js'

// Facet extraction reads a bounded part of each field, so its work is linear
// in the article whatever a field holds (timings logged, never asserted).

describe('facet extraction reads a bounded part of each field', () => {
  test(`100,000 comma-separated places: the first ${maxFieldSegments} are read (27 s before)`, () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `Place${i}`).join(', ')
    const { values } = measure('100,000 places', () => extractPlaces({ text, links: [] }))
    expect(values).toHaveLength(maxFieldSegments)
    expect(values.at(-1)).toBe(`Place${maxFieldSegments - 1}`)
  })

  test(`100,000 place links: the first ${maxFieldLinks} are read (10.6 s before)`, () => {
    const links = Array.from({ length: 100_000 }, (_, i) => ({ type: 'internal', page: `Place${i}` }))
    const { values } = measure('100,000 links', () => extractPlaces({ text: 'Somewhere', links }))
    expect(values).toHaveLength(1 + maxFieldLinks)
  })

  test(`a segment longer than ${maxSegmentLength} characters is matched by its start`, () => {
    const links = Array.from({ length: 3000 }, (_, i) => ({ type: 'internal', page: `Entity ${i}` }))
    const text = Array.from({ length: 3000 }, (_, i) => `Entity ${i}`).join(' and ')
    const values = measure('one 40,000-character segment with links', () =>
      extractFieldValues({ text, links }, { containedLinks: 'links' }),
    )
    // The links the segment's first 10,000 characters name, in order; the rest of the first 1,000 links after them.
    expect(values.slice(0, 3).map((v) => v.value)).toEqual(['Entity 0', 'Entity 1', 'Entity 2'])
    expect(values).toHaveLength(maxFieldLinks)
  })

  test('50,000 combatant fields, one side each, are grouped in one pass (6.5 s before)', () => {
    const infobox = Object.create(null) as Record<string, InfoboxField>
    for (let i = 1; i <= 50_000; i++) infobox[`combatant${i}`] = { text: `Side ${i}`, links: [] }
    const combatants = measure('50,000 combatant fields', () => extractCombatants(infobox))
    expect(combatants).toHaveLength(50_000)
    expect(combatants.at(-1)).toEqual({ value: 'Side 50000', display: 'Side 50000', side: 50_000 })
  })

  test('an extra facet named like an Object method (valueOf, hasOwnProperty) is a facet like any other', () => {
    const extra = '    valueOf:\n      text: "Alpha"\n    hasOwnProperty:\n      text: "Beta"'
    const index = buildIndex([parseArticle(article({ title: 'Battle of Methods', extra }), { id: 'methods' })], {
      facets: ['valueOf', 'hasOwnProperty', 'toString'],
    })
    const { facets } = index.search('', { facets: ['valueOf', 'hasOwnProperty', 'toString'] })
    expect(facets).toEqual({
      valueOf: [{ value: 'Alpha', count: 1 }],
      hasOwnProperty: [{ value: 'Beta', count: 1 }],
      toString: [],
    })
  })
})
