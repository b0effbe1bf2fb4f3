import type { IncomingMessage, ServerResponse } from 'node:http'
import { isOptionsError } from '../core/errors.js'
import type { SearchFilters, SearchOptions } from '../search/searchOptions.js'
import type { SearchResult } from '../search/searchResult.js'
import { isDatabaseError } from './databaseError.js'

/** What the handler searches: a `PostgresSearch`, or a static `SearchIndex`. */
export interface Searchable {
  search(query: string, options?: SearchOptions): Promise<SearchResult> | SearchResult
}

/** Options of `createSearchHandler`. */
export interface SearchHandlerOptions {
  /**
   * Most hits one request may ask for.
   * @default 100
   */
  readonly maxLimit?: number
  /**
   * Largest POST body, in bytes.
   * @default 65_536
   */
  readonly maxBodyBytes?: number
  /** Told of every failure that is not the caller's (the database down…), e.g. to log it. Never sent to the caller. */
  readonly onError?: (error: unknown) => void
  /** Headers added to every response, e.g. `{ 'access-control-allow-origin': '*' }`. */
  readonly headers?: Readonly<Record<string, string>>
}

/** A `node:http` request handler. */
export type SearchHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/** GET parameters that are not facet filters. */
const reserved = new Set([
  'q',
  'limit',
  'offset',
  'sort',
  'facets',
  'interval',
  'level',
  'facetLimit',
  'from',
  'to',
  'understand',
  'applySuggested',
  'coordinates',
  'near',
  'cell',
])

/** A request the caller got wrong: 4xx with a message. */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * An HTTP handler for `node:http` (and frameworks that pass its request and
 * response): a search box can call it instead of loading an index file.
 *
 * - `GET ?q=cannae&place=Apulia&from=-300&to=-200&facets=place,combatant,date&interval=decade&limit=20&sort=-date`:
 *   every parameter but `q`, `limit`, `offset`, `sort`, `facets`, `facetLimit`, `level` (of `place`),
 *   `interval` (of `date`), `cell` (of `coordinates`), `from`, `to`, `coordinates` (`lat,lon,km`
 *   around a point or `west,south,east,north`, as the CLI's `--filter coordinates=`), `near`
 *   (`lat,lon`), `understand` and `applySuggested` (`true` or `false`) is a facet filter (repeat
 *   it for several values).
 * - `POST` with `{ "query": "cannae", "options": { …SearchOptions } }` as `application/json`.
 *
 * Answers the search result as JSON; a bad request gets 400 (405, 413, 415)
 * with `{ error: { code, message } }`; a failure of the database 503 or 500
 * with a fixed message: errors are never passed through to the caller.
 *
 * @example
 * const search = createPostgresSearch({ url: process.env.DATABASE_URL })
 * http.createServer(createSearchHandler(search)).listen(8080)
 */
export function createSearchHandler(search: Searchable, options: SearchHandlerOptions = {}): SearchHandler {
  const maxLimit = options.maxLimit ?? 100
  const maxBodyBytes = options.maxBodyBytes ?? 65_536
  return async (request, response) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body)
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...options.headers,
        ...headers,
      })
      response.end(request.method === 'HEAD' ? undefined : text)
    }
    try {
      const { query, searchOptions } = await readRequest(request, maxBodyBytes)
      const limit = searchOptions.limit
      if (typeof limit === 'number' && limit > maxLimit)
        throw new BadRequest(400, `"limit" must be at most ${maxLimit}, received ${limit}.`)
      send(200, await search.search(query, searchOptions))
    } catch (error) {
      if (error instanceof BadRequest) {
        send(
          error.status,
          { error: { code: 'ERR_BAD_REQUEST', message: error.message } },
          error.status === 405 ? { allow: 'GET, HEAD, POST' } : {},
        )
      } else if (isOptionsError(error)) {
        // Our own message: names the option, what it expects and the value received (JSON-encoded here).
        send(400, { error: { code: error.code, message: error.message } })
      } else {
        options.onError?.(error)
        const unavailable =
          isDatabaseError(error) && (error.code === 'ERR_DATABASE_CONNECT' || error.code === 'ERR_DATABASE_AUTH')
        send(unavailable ? 503 : 500, {
          error: {
            code: unavailable ? 'ERR_UNAVAILABLE' : 'ERR_INTERNAL',
            message: 'Search is unavailable; try again later.',
          },
        })
      }
    }
  }
}

async function readRequest(
  request: IncomingMessage,
  maxBodyBytes: number,
): Promise<{ query: string; searchOptions: SearchOptions }> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (request.method === 'GET' || request.method === 'HEAD') return fromParameters(url.searchParams)
  if (request.method !== 'POST')
    throw new BadRequest(405, `method ${request.method ?? ''} is not allowed; use GET or POST.`)
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
    throw new BadRequest(415, 'send the search as application/json.')
  const body = await readBody(request, maxBodyBytes)
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new BadRequest(400, 'the body is not valid JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new BadRequest(400, 'send an object { "query": "…", "options": { … } }.')
  const { query = '', options = {} } = parsed as { query?: unknown; options?: unknown }
  if (typeof query !== 'string') throw new BadRequest(400, '"query" must be a string.')
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new BadRequest(400, '"options" must be an object.')
  // The options are checked by `search` itself, as for any caller.
  return { query, searchOptions: options }
}

function readBody(request: IncomingMessage, maxBodyBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        request.removeAllListeners('data')
        request.resume()
        reject(new BadRequest(413, `the body is larger than ${maxBodyBytes} bytes.`))
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function fromParameters(parameters: URLSearchParams): { query: string; searchOptions: SearchOptions } {
  const number = (name: string): number | undefined => {
    const text = parameters.get(name)
    if (text === null) return undefined
    const value = Number(text)
    if (text.trim() === '' || !Number.isInteger(value) || value < 0)
      throw new BadRequest(400, `"${name}" must be a whole number ≥ 0, received ${JSON.stringify(text)}.`)
    return value
  }
  // Maps, then own properties: a parameter named __proto__ is a (refused) facet name, not a prototype.
  const filters = new Map<string, SearchFilters[string]>()
  for (const name of new Set(parameters.keys())) if (!reserved.has(name)) filters.set(name, parameters.getAll(name))
  const from = parameters.get('from') || undefined
  const to = parameters.get('to') || undefined
  if (from !== undefined || to !== undefined)
    filters.set('date', { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) })
  const area = numbers('coordinates', parameters.get('coordinates'), [3, 4], 'lat,lon,km or west,south,east,north')
  if (area !== undefined) {
    const [first = 0, second = 0, third = 0, fourth = 0] = area
    filters.set(
      'coordinates',
      area.length === 3
        ? { near: { lat: first, lon: second }, radius: third }
        : { box: { west: first, south: second, east: third, north: fourth } },
    )
  }
  const point = numbers('near', parameters.get('near'), [2], 'lat,lon')
  const near = point === undefined ? undefined : { lat: point[0] ?? 0, lon: point[1] ?? 0 }
  const [cell] = numbers('cell', parameters.get('cell'), [1], 'a number of degrees') ?? []
  const facetLimit = number('facetLimit')
  const level = number('level')
  const interval = parameters.get('interval') ?? undefined
  const facets = new Map<string, { limit?: number; level?: number; interval?: string; cell?: number }>()
  for (const name of (parameters.get('facets') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)) {
    facets.set(
      name,
      name === 'date'
        ? interval === undefined
          ? {}
          : { interval }
        : name === 'coordinates'
          ? cell === undefined
            ? {}
            : { cell }
          : {
              ...(facetLimit === undefined ? {} : { limit: facetLimit }),
              ...(name === 'place' && level !== undefined ? { level } : {}),
            },
    )
  }
  const flag = (name: string): boolean | undefined => {
    const text = parameters.get(name)
    if (text === null) return undefined
    if (text !== 'true' && text !== 'false')
      throw new BadRequest(400, `"${name}" must be true or false, received ${JSON.stringify(text)}.`)
    return text === 'true'
  }
  const understand = flag('understand')
  const applySuggested = flag('applySuggested')
  const limit = number('limit')
  const offset = number('offset')
  const sort = parameters.get('sort') ?? undefined
  return {
    query: parameters.get('q') ?? '',
    searchOptions: {
      ...(limit === undefined ? {} : { limit }),
      ...(offset === undefined ? {} : { offset }),
      ...(sort === undefined || sort === '' ? {} : { sort: sort as SearchOptions['sort'] & string }),
      ...(near === undefined ? {} : { near }),
      ...(understand === undefined ? {} : { understand }),
      ...(applySuggested === undefined ? {} : { applySuggested }),
      filters: Object.fromEntries(filters),
      facets: Object.fromEntries(facets) as SearchOptions['facets'] & object,
    },
  }
}

/**
 * Numbers written `a,b,…` (one of `counts` of them), or undefined when the
 * parameter is absent; their ranges are checked by `search`, as for any caller.
 */
function numbers(name: string, text: string | null, counts: readonly number[], expected: string): number[] | undefined {
  if (text === null) return undefined
  const parts = text.split(',')
  const values = parts.map((part) => (part.trim() === '' ? NaN : Number(part)))
  if (!counts.includes(values.length) || !values.every(Number.isFinite))
    throw new BadRequest(400, `"${name}" must be ${expected}, received ${JSON.stringify(text)}.`)
  return values
}
