/**
 * Errors thrown for caller mistakes and unusable input. Every error has a
 * literal `name`, a stable `code` and a message that says what failed, where,
 * and how to fix it. Content problems inside an article are diagnostics on the
 * result instead (see `Diagnostic`), never errors.
 */

/** Stable codes, safe to switch on. */
export type InfoboxSearchErrorCode =
  | 'ERR_FRONT_MATTER'
  | 'ERR_INDEX_FORMAT'
  | 'ERR_INDEX_VERSION'
  | 'ERR_INDEX_CORRUPT'
  | 'ERR_INVALID_OPTION'
  | 'ERR_INVALID_QUERY'
  | 'ERR_DUPLICATE_ID'
  | 'ERR_BUILDER_FINISHED'
  | 'ERR_IO'
  | 'ERR_CHUNK_FETCH'
  | 'ERR_CHUNK_MISMATCH'
  | 'ERR_DATABASE_CONNECT'
  | 'ERR_DATABASE_AUTH'
  | 'ERR_TABLE_LAYOUT'
  | 'ERR_DATABASE_LOAD'
  | 'ERR_DATABASE_QUERY'
  | 'ERR_OVER_BUDGET'

interface ErrorDetails {
  readonly cause?: unknown
  readonly problem?: string
  readonly version?: unknown
  readonly file?: string
  readonly expected?: unknown
  readonly received?: unknown
  readonly url?: string
}

/** Base class of every error this library throws. */
export class InfoboxSearchError extends Error {
  override readonly name: string = 'InfoboxSearchError'
  /** Stable, safe to switch on. */
  declare readonly code: InfoboxSearchErrorCode
  /** The file concerned, when there is one. */
  declare readonly file: string | undefined
  /** What was expected, for option and format errors. */
  declare readonly expected: unknown
  /** The value received instead. */
  declare readonly received: unknown

  constructor(code: InfoboxSearchErrorCode, message: string, { cause, ...details }: ErrorDetails = {}) {
    super(message, cause === undefined ? undefined : { cause })
    // `problem` (FrontMatterError) and `version` (IndexFormatError) ride along.
    Object.assign(this, { code, file: undefined, expected: undefined, received: undefined }, details)
  }
}

/** An article's front matter cannot be read (missing, malformed, not YAML). */
export class FrontMatterError extends InfoboxSearchError {
  override readonly name = 'FrontMatterError'
  /** What is wrong, e.g. `front-matter-missing`; also the diagnostic code. */
  declare readonly problem: string
}

/** An index file is not a usable infobox-search index (wrong format, version or corrupt). */
export class IndexFormatError extends InfoboxSearchError {
  override readonly name = 'IndexFormatError'
  /** The format version found in the file, when there was one. */
  declare readonly version: unknown
}

/** An option or query argument has the wrong type or value. */
export class OptionsError extends InfoboxSearchError {
  override readonly name = 'OptionsError'
}

/**
 * A file of a chunked index could not be used: the request failed
 * (`ERR_CHUNK_FETCH`: offline, a 404 after a rebuild removed it) or its
 * content is not the one its name promises (`ERR_CHUNK_MISMATCH`: a file of
 * another build). The index stays usable: the next search fetches again.
 */
export class ChunkLoadError extends InfoboxSearchError {
  override readonly name = 'ChunkLoadError'
  /** The file's URL. */
  declare readonly url: string
}

/** Reading or writing files failed (CLI and `infobox-search/build` only). */
export class FileSystemError extends InfoboxSearchError {
  override readonly name = 'FileSystemError'
}

/** True when `error` is any error thrown by this library. */
export function isInfoboxSearchError(error: unknown): error is InfoboxSearchError {
  return error instanceof InfoboxSearchError
}

/** True when `error` is a `FrontMatterError`. */
export function isFrontMatterError(error: unknown): error is FrontMatterError {
  return error instanceof FrontMatterError
}

/** True when `error` is an `IndexFormatError`. */
export function isIndexFormatError(error: unknown): error is IndexFormatError {
  return error instanceof IndexFormatError
}

/** True when `error` is an `OptionsError`. */
export function isOptionsError(error: unknown): error is OptionsError {
  return error instanceof OptionsError
}

/** True when `error` is a `ChunkLoadError`. */
export function isChunkLoadError(error: unknown): error is ChunkLoadError {
  return error instanceof ChunkLoadError
}
