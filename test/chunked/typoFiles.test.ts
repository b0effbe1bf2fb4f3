import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { typoRanges } from '../../src/builder/chunkIndex.js'
import { groupByFirstUnit, runOfLengths } from '../../src/search/engine/loadedTermIndex.js'
import { defaultMaxDistance } from '../../src/search/engine/queryTerms.js'
import { typoFiles } from '../../src/search/chunked/chunkedTermIndex.js'
import { fcParameters } from '../robustness/helpers.js'

// Typo files: the terms of one first unit in ranges of lengths. Whatever lengths a fuzzy lookup asks
// for, the files it reads give exactly the terms a whole dictionary gives (the oracle: `runOfLengths`).

/** Terms of a few first letters and lengths from 1 to 16. */
const termsArbitrary = fc.uniqueArray(
  fc
    .tuple(fc.constantFrom('a', 'b', 's'), fc.integer({ min: 0, max: 15 }), fc.nat())
    .map(([unit, extra, seed]) => unit + seed.toString(36).padEnd(extra, 'x').slice(0, extra)),
  { maxLength: 300 },
)

/** The manifest's ranges of `terms` and each file's terms, as `chunkIndex` writes them. */
function typoLayout(terms: readonly string[], size: number) {
  const ranges: [string, number, number][] = []
  const files: (readonly string[])[] = []
  const groups = groupByFirstUnit(terms)
  for (const unit of [...groups.keys()].sort()) {
    const group = groups.get(unit) ?? []
    for (const [shortest, longest] of typoRanges(group, size)) {
      const run = runOfLengths(group, shortest, longest)
      if (run.length === 0) continue
      ranges.push([unit, shortest, longest])
      files.push(run)
    }
  }
  return { ranges, files, groups }
}

describe('typo files', () => {
  test('any lookup reads files that give exactly the terms of its unit and lengths', () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        fc.constantFrom('a', 'b', 's', 'z'),
        fc.integer({ min: 0, max: 18 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 10, max: 400 }),
        (terms, unit, minLength, span, size) => {
          const { ranges, files, groups } = typoLayout(terms, size)
          const read = typoFiles(ranges, unit, minLength, minLength + span).flatMap(({ at, shortest, longest }) =>
            (files[at] ?? []).filter((term) => term.length >= shortest && term.length <= longest),
          )
          const expected = runOfLengths(groups.get(unit) ?? [], minLength, minLength + span)
          expect([...read].sort()).toEqual([...expected].sort())
        },
      ),
      fcParameters(300),
    )
  })

  test('a lookup with the default edits reads one file', () => {
    const terms = Array.from({ length: 2000 }, (_, n) =>
      `s${n.toString(36).repeat(1 + (n % 7))}`.slice(0, 2 + (n % 14)),
    )
    const { ranges } = typoLayout([...new Set(terms)], 200)
    for (let length = 5; length <= 15; length++) {
      const edits = defaultMaxDistance(length)
      expect(typoFiles(ranges, 's', length - edits, length + edits)).toHaveLength(1)
    }
    expect(ranges.length).toBeGreaterThan(5)
  })
})
