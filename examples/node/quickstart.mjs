// The README's API example, runnable: `npm run build && node examples/node/quickstart.mjs`.
// In your project, import from 'infobox-search/build' and 'infobox-search'.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex, parseArticle, serializeIndex } from '../../dist/build.js'
import { highlight, loadIndex } from '../../dist/index.js'

const fixture = new URL('../../fixtures/battle-of-cannae/index.md', import.meta.url)
const article = parseArticle(await readFile(fixture, 'utf8'), { id: 'cannae' })
const file = join(await mkdtemp(join(tmpdir(), 'infobox-search-')), 'index.json')
await writeFile(file, serializeIndex(buildIndex([article], { facets: ['partof'] })))

const index = loadIndex(await readFile(file, 'utf8')) // in a browser: await loadIndex(await fetch(url))
const result = index.search('hannibal', {
  filters: { place: ['Apulia'], date: { from: -300, to: -200 } },
  facets: { place: { limit: 5 }, combatant: {}, date: { interval: 'century' } },
})
console.log(result.total, result.hits[0]?.title)
console.log(highlight(result.hits[0].snippet))
console.log(JSON.stringify(result.facets, null, 1))
