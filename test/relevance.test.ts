import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../src/build.js'
import type { SearchIndex } from '../src/index.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from './helpers.js'
import { corpusQueries, fixtureQueries } from './relevanceQueries.js'

function hitRate(index: SearchIndex, queries: typeof fixtureQueries) {
  const misses = queries.filter(([query, target]) => index.search(query, { limit: 1 }).hits[0]?.id !== target)
  return {
    rate: 1 - misses.length / queries.length,
    misses: misses.map(
      ([query, target]) =>
        `${query} → ${index.search(query, { limit: 1 }).hits[0]?.id ?? '(none)'}, expected ${target}`,
    ),
  }
}

const fixtures = fixtureSlugs().map((slug) => parseArticle(readFixture(slug), { id: slug }))

describe('known-item relevance', () => {
  test.each(['lead', 'sections', 'full'] as const)(
    'fixtures, body profile %s: the target is the first hit for at least 90 percent of queries',
    (body) => {
      const { rate, misses } = hitRate(buildIndex(fixtures, { body }), fixtureQueries)
      console.log(
        `fixtures (${body}): ${(rate * 100).toFixed(1)}% of ${fixtureQueries.length} first${misses.length ? `; misses: ${misses.join('; ')}` : ''}`,
      )
      expect(rate).toBeGreaterThanOrEqual(0.9)
    },
  )

  test.skipIf(!hasCorpus).each(['lead', 'sections', 'full'] as const)(
    'corpus + fixtures, body profile %s: at least 90 percent',
    (body) => {
      const corpus = corpusFiles().map((file) =>
        parseArticle(readFileSync(corpusDir + file, 'utf8'), { id: file.replace(/\.md$/, '') }),
      )
      const { rate, misses } = hitRate(buildIndex([...corpus, ...fixtures], { body }), [
        ...corpusQueries,
        ...fixtureQueries,
      ])
      console.log(
        `corpus + fixtures (${body}): ${(rate * 100).toFixed(1)}% of ${corpusQueries.length + fixtureQueries.length} first${misses.length ? `; misses: ${misses.join('; ')}` : ''}`,
      )
      expect(rate).toBeGreaterThanOrEqual(0.9)
    },
  )
})
