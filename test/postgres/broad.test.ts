import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildIndex, parseArticle } from '../../src/build.js'
import { createPostgresSearch, exportToPostgres, type PostgresSearch } from '../../src/postgres.js'
import { fullRankLimit } from '../../src/postgres/searchSql.js'
import { article } from '../helpers.js'
import { describePostgres, recordsOf } from './helpers.js'

// A query matching more than `fullRankLimit` articles is ranked by the short
// vector (the fields and the body's lead): the matches and totals are the
// static index's, the articles with the rare term come first.

const count = fullRankLimit + 100
const articles = Array.from({ length: count }, (_, i) => {
  const id = `article-${String(i).padStart(5, '0')}`
  const rare = i % 400 === 7 ? ' The zorblax banner was raised.' : ''
  return parseArticle(article({ title: `Skirmish ${i}`, body: `A battle was fought at the ford.${rare}` }), { id })
})

describePostgres(`a query matching more than ${fullRankLimit} articles`, (url) => {
  let search: PostgresSearch
  beforeAll(async () => {
    await exportToPostgres(recordsOf(articles, {}), { url, table: 'broad' })
    search = createPostgresSearch({ url, table: 'broad' })
  })
  afterAll(() => search?.close())

  test('the articles with the rare term come first, then the others (equal scores) in load order', async () => {
    const result = await search.search('battle zorblax', { limit: 8, fuzzy: false })
    const expected = buildIndex(articles).search('battle zorblax', { limit: count, fuzzy: false })
    expect(result.total).toBe(expected.total)
    expect(result.totalUnfiltered).toBe(count)
    const rare = articles.filter((a) => a.body.includes('zorblax')).map((a) => a.id)
    expect(
      result.hits
        .slice(0, rare.length)
        .map((hit) => hit.id)
        .sort(),
    ).toEqual(rare)
    const rest = result.hits.slice(rare.length).map((hit) => hit.id)
    expect(rest).toEqual(
      articles
        .map((a) => a.id)
        .filter((id) => !rare.includes(id))
        .slice(0, rest.length),
    )
  })
})
