/** Types of scripts/postgresCluster.mjs (a plain script: the tests and the benchmark share it). */
export declare const testRole: { readonly user: string; readonly password: string }
export declare function findPostgresBin(): string | undefined
export declare function startPostgresCluster(options?: { log?: (line: string) => void }): Promise<{
  url: string
  adminUrl: string
  port: number
  dir: string
  stop: () => void
}>
