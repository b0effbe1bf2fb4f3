import { describe, expect, test } from 'vitest'
import { extractRecord, parseArticle, selectBody, toPlainText } from '../src/build.js'
import { resolveIndexOptions } from '../src/core/options.js'
import { fixtureSlugs, fixturesDir, readFixture } from './helpers.js'

// Expected outputs live beside each fixture and are reviewed in the diff;
// regenerate them with `npx vitest run test/fixtures.test.ts -u`.
const options = resolveIndexOptions({ facets: ['partof', 'result', 'commander'] })

describe.each(fixtureSlugs())('fixture %s', (slug) => {
  const article = parseArticle(readFixture(slug), { id: slug, file: `fixtures/${slug}/index.md` })

  test('parses without diagnostics', () => {
    expect(article.diagnostics).toEqual([])
  })

  test('plain text (full body)', async () => {
    await expect(selectBody(toPlainText(article.body), 'full') + '\n').toMatchFileSnapshot(
      `${fixturesDir}${slug}/text.txt`,
    )
  })

  test('record: stored fields and facet values', async () => {
    const { body: _body, infobox: _infobox, ...record } = extractRecord(article, options)
    await expect(`${JSON.stringify(record, null, 2)}\n`).toMatchFileSnapshot(`${fixturesDir}${slug}/record.json`)
  })
})
