import pg from 'pg'
import { connectionError, describeServer, type ServerName } from './databaseError.js'

/** Milliseconds to wait for a connection before `ERR_DATABASE_CONNECT`. */
export const connectTimeout = 10_000

/**
 * What `createPostgresSearch` needs of a client: pg's `query`. A `pg.Pool`
 * (recommended: concurrent searches) or a connected `pg.Client` both fit.
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>
}

/** Who and where a client connects to, from its own settings (for messages). */
export function serverOf(client: unknown): ServerName {
  // A pool keeps its settings as given: a connection string, or fields.
  const connectionString = (client as { options?: { connectionString?: unknown } } | null)?.options?.connectionString
  if (typeof connectionString === 'string') return serverOfUrl(connectionString)
  const settings = (typeof client === 'object' && client !== null ? client : {}) as Partial<
    Record<'user' | 'host' | 'port' | 'database', unknown>
  >
  const options =
    (client as { options?: Partial<Record<'user' | 'host' | 'port' | 'database', unknown>> } | null)?.options ?? {}
  const pick = (key: 'user' | 'host' | 'database'): string | undefined => {
    const value = settings[key] ?? options[key]
    return typeof value === 'string' ? value : undefined
  }
  const port = settings.port ?? options.port
  return {
    user: pick('user'),
    host: pick('host'),
    database: pick('database'),
    port: typeof port === 'number' || typeof port === 'string' ? port : undefined,
  }
}

/** Who and where a database URL points to (for messages); the password is never kept. */
export function serverOfUrl(url: string): ServerName {
  try {
    const parsed = new URL(url)
    const socket = parsed.searchParams.get('host') ?? undefined
    return {
      user: decodeURIComponent(parsed.username) || undefined,
      host: socket ?? (parsed.hostname.replace(/^\[|\]$/g, '') || undefined),
      port: parsed.port || undefined,
      database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    }
  } catch {
    return {}
  }
}

/**
 * Connect one client to `url`.
 * @throws {DatabaseError} `ERR_DATABASE_CONNECT` (unreachable, no such database) or `ERR_DATABASE_AUTH`.
 */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeout })
  // An error event after connecting (the server going away) must not crash the process.
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => {})
    throw connectionError(
      error,
      serverOf(client),
      'ERR_DATABASE_CONNECT',
      `connecting to ${describeServer(serverOf(client))}`,
    )
  }
  return client
}

/** A pool on `url`; its connection errors surface on the first query. */
export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: connectTimeout, max: 10 })
  pool.on('error', () => {})
  return pool
}
