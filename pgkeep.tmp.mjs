import { startPostgresCluster } from '/work/wt-postgres/scripts/postgresCluster.mjs'
import { writeFileSync } from 'node:fs'
const { createIndexBuilder, listArticleFiles, readArticleFile } = await import('/work/wt-postgres/dist/build.js')
const { exportToPostgres } = await import('/work/wt-postgres/dist/postgres.js')
const c = await startPostgresCluster()
const b = createIndexBuilder({ body: 'full' })
const files = await listArticleFiles(['/work/main/bench/out/corpus-10000'])
const records = []
for (const f of files) { const { article } = await readArticleFile(f); if (article) records.push(b.extract(article)) }
await exportToPostgres(records, { url: c.url, table: 'prof', options: { body: 'full' } })
writeFileSync('/tmp/pgurl', JSON.stringify(c))
console.log('ready', c.url)
process.on('SIGTERM', () => { c.stop(); process.exit(0) })
setInterval(() => {}, 1e9)
