import { InfoboxSearchError, type InfoboxSearchErrorCode } from '../core/errors.js'

/** The codes a `DatabaseError` carries. */
export type DatabaseErrorCode = Extract<
  InfoboxSearchErrorCode,
  'ERR_DATABASE_CONNECT' | 'ERR_DATABASE_AUTH' | 'ERR_TABLE_LAYOUT' | 'ERR_DATABASE_LOAD' | 'ERR_DATABASE_QUERY'
>

/**
 * PostgreSQL could not be used: unreachable (`ERR_DATABASE_CONNECT`), the
 * login refused (`ERR_DATABASE_AUTH`), a table that is missing or not ours
 * (`ERR_TABLE_LAYOUT`), a load that failed and was rolled back
 * (`ERR_DATABASE_LOAD`), a search the server refused (`ERR_DATABASE_QUERY`).
 * Messages never contain a password.
 */
export class DatabaseError extends InfoboxSearchError {
  override readonly name = 'DatabaseError'
  declare readonly code: DatabaseErrorCode
  /** PostgreSQL's SQLSTATE (`28P01`, `42P01`…) or Node's error code (`ECONNREFUSED`), when there was one. */
  readonly reason: string | undefined

  constructor(
    code: DatabaseErrorCode,
    message: string,
    details: { readonly cause?: unknown; readonly reason?: string } = {},
  ) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause })
    this.reason = details.reason
  }
}

/** True when `error` is a `DatabaseError`. */
export function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof DatabaseError
}

/** SQLSTATEs and Node codes of a server that cannot be reached. */
const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'ENOENT',
  '57P03',
])
/** invalid_password, invalid_authorization_specification. */
const refusedLogin = new Set(['28P01', '28000'])

/** `code` of a pg or Node error, when it has a string one. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : undefined
}

/** The error's own message, without a password it might quote. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@')
}

/** Where a server is, for messages: `user@host:port/database`, never the password. */
export interface ServerName {
  readonly user?: string | undefined
  readonly host?: string | undefined
  readonly port?: number | string | undefined
  readonly database?: string | undefined
}

/** `user@127.0.0.1:5432/db`. */
export function describeServer(server: ServerName): string {
  const host = server.host ?? 'localhost'
  const at = host.startsWith('/') ? `socket ${host}` : `${host}:${server.port ?? 5432}`
  return `${server.user === undefined ? '' : `${server.user}@`}${at}/${server.database ?? server.user ?? ''}`
}

/**
 * The error for a failed connection: unreachable, a refused login, a database
 * that does not exist, or (anything else) `fallback`.
 */
export function connectionError(
  error: unknown,
  server: ServerName,
  fallback: DatabaseErrorCode,
  doing: string,
): DatabaseError {
  const code = errorCode(error)
  const where = describeServer(server)
  const details = { cause: error, ...(code === undefined ? {} : { reason: code }) }
  if (code !== undefined && refusedLogin.has(code)) {
    return new DatabaseError(
      'ERR_DATABASE_AUTH',
      `infobox-search: PostgreSQL at ${where} refused the login of user "${server.user ?? ''}" (${errorMessage(error)}); check the user name and password in the database URL.`,
      details,
    )
  }
  if (code === '3D000') {
    return new DatabaseError(
      'ERR_DATABASE_CONNECT',
      `infobox-search: the database "${server.database ?? ''}" does not exist on ${where}; create it ("createdb ${server.database ?? ''}") or fix the database URL.`,
      details,
    )
  }
  if ((code !== undefined && unreachable.has(code)) || /connect|timeout|terminated/i.test(errorMessage(error))) {
    if (fallback !== 'ERR_DATABASE_LOAD') {
      return new DatabaseError(
        'ERR_DATABASE_CONNECT',
        `infobox-search: cannot reach PostgreSQL at ${where} (${code ?? errorMessage(error)}); check that the server is running and that the database URL names the right host and port.`,
        details,
      )
    }
  }
  return new DatabaseError(fallback, `infobox-search: ${doing} failed on ${where}: ${errorMessage(error)}.`, details)
}
