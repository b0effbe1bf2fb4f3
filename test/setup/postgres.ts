// Vitest global setup: one throwaway PostgreSQL cluster for the whole run
// (scripts/postgresCluster.mjs), stopped at the end. The tests read its URL
// with `inject('postgres')`. INFOBOX_SEARCH_DATABASE_URL uses a server of
// yours instead (its database must be one the tests may fill and drop tables in).
// Without PostgreSQL binaries (or with INFOBOX_SEARCH_POSTGRES=off) the PostgreSQL
// tests are skipped, with the reason in their names, except in CI (CI=true), where
// a cluster that cannot start fails the run.
import type { TestProject } from 'vitest/node'
import { startPostgresCluster } from '../../scripts/postgresCluster.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { readonly url: string; readonly adminUrl: string | undefined } | { readonly skip: string }
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env['INFOBOX_SEARCH_POSTGRES'] === 'off') {
    project.provide('postgres', { skip: 'INFOBOX_SEARCH_POSTGRES=off' })
    return undefined
  }
  const external = process.env['INFOBOX_SEARCH_DATABASE_URL']
  if (external) {
    project.provide('postgres', { url: external, adminUrl: undefined })
    return undefined
  }
  try {
    const cluster = await startPostgresCluster()
    project.provide('postgres', { url: cluster.url, adminUrl: cluster.adminUrl })
    return () => cluster.stop()
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)
    if (process.env['CI'] === 'true' || process.env['INFOBOX_SEARCH_REQUIRE_POSTGRES'] === '1') throw error
    project.provide('postgres', { skip: reason })
    return undefined
  }
}
