import { describe, inject } from 'vitest'
import { createIndexBuilder, type BuildIndexOptions, type IndexRecord } from '../../src/build.js'
import type { Article } from '../../src/build.js'

const postgres = inject('postgres')

/** The test cluster's URL (a role with a password), or undefined when PostgreSQL tests are skipped. */
export const databaseUrl: string | undefined = 'url' in postgres ? postgres.url : undefined
/** The superuser over a Unix socket (the throwaway cluster only). */
export const adminUrl: string | undefined = 'url' in postgres ? postgres.adminUrl : undefined
const skipReason = 'skip' in postgres ? postgres.skip : ''

/** `describe` when a PostgreSQL server is there; else skipped, with the reason in its name. */
export function describePostgres(name: string, body: (url: string) => void): void {
  // A skipped block is still collected: its body gets a URL that parses, and no test runs.
  if (databaseUrl === undefined) {
    describe.skip(`${name} (skipped: no PostgreSQL: ${skipReason})`, () => body('postgres://skipped@localhost/skipped'))
  } else describe(name, () => body(databaseUrl))
}

/** Records as `build` extracts them. */
export function recordsOf(articles: readonly Article[], options: BuildIndexOptions): IndexRecord[] {
  const builder = createIndexBuilder(options)
  return articles.map((article) => builder.extract(article))
}
