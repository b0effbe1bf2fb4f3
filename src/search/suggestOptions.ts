import { isRecord } from '../core/guards.js'
import { invalid } from './searchOptions.js'

/** Options of `suggest`. */
export interface SuggestOptions {
  /** Most suggestions returned. Default 10. */
  readonly limit?: number
}

/** Suggestions returned unless `limit` says otherwise. */
const defaultLimit = 10

/**
 * The number of suggestions `options` asks for, checked at the API boundary
 * (as `search` checks its options): `null` and `undefined` are no options.
 * @throws {OptionsError} `ERR_INVALID_QUERY` for options that are not an object, or a `limit` that is not a whole number ≥ 0.
 */
export function resolveSuggestLimit(options: unknown): number {
  if (options === undefined || options === null) return defaultLimit
  if (!isRecord(options)) invalid('options', 'an object', options)
  const { limit } = options
  if (limit === undefined) return defaultLimit
  if (!Number.isInteger(limit) || (limit as number) < 0) invalid('limit', 'a whole number ≥ 0', limit)
  return limit as number
}
