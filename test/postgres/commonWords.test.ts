import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import type { SearchOptions } from '../../src/index.js'
import { createPostgresSearch, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { article } from '../helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

// A query word that more articles hold than `fuzzyMaxDocuments` gets no typo matches, in
// PostgreSQL as in the static index: "states" (two articles) finds "stated" only at 2 or more.

const articles = [
  parseArticle(article({ title: 'Battle of Alpha', body: 'The states signed a treaty.' }), { id: 'alpha' }),
  parseArticle(article({ title: 'Battle of Beta', body: 'Both states sent armies.' }), { id: 'beta' }),
  parseArticle(article({ title: 'Battle of Gamma', body: 'The chronicle stated the losses.' }), { id: 'gamma' }),
]

describePostgres('typo matches of common words (fuzzyMaxDocuments)', (url) => {
  let search: PostgresSearch
  beforeAll(async () => {
    await exportToPostgres(recordsOf(articles, {}), { url, table: 'common_words' })
    search = createPostgresSearch({ url, table: 'common_words' })
  })
  afterAll(() => search?.close())

  test.each([
    ['states treaty', { fuzzyMaxDocuments: 2 }, ['alpha', 'beta', 'gamma']],
    ['states treaty', { fuzzyMaxDocuments: 1 }, ['alpha', 'beta']],
    ['states treaty', {}, ['alpha', 'beta', 'gamma']],
    ['statez treaty', { fuzzyMaxDocuments: 0 }, ['alpha', 'beta', 'gamma']],
  ] as const)('%s with %o finds %o, as the static index does', async (query, options, expected) => {
    const given: SearchOptions = { understand: false, prefix: false, ...options }
    const ids = (await search.search(query, given)).hits.map((hit) => hit.id).sort()
    expect(ids).toEqual(expected)
    expect(ids).toEqual(
      buildIndex(articles)
        .search(query, given)
        .hits.map((hit) => hit.id)
        .sort(),
    )
  })
})
