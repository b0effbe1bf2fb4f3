import type { MiniSearchEntry, MiniSearchHead, MiniSearchJSON } from '../core/envelope.js'
import { IndexFormatError } from '../core/errors.js'
import { isRecord } from '../core/guards.js'
import { searchFields } from '../core/options.js'

/**
 * Check an index file's `minisearch` part — MiniSearch's own JSON, which
 * `search` reads in place — against `size` stored documents, in one pass:
 * document ids are the positions 0…size-1, every field has its id and every
 * document a length per field (finite, ≥ 0), no stored fields, terms sorted
 * and unique, postings keyed by field ids. Each term's postings (documents and
 * counts) are checked when a query first reads them (see `createLoadedTermIndex`).
 * @throws {IndexFormatError} `ERR_INDEX_CORRUPT` for anything else.
 */
export function readTermPayload(payload: unknown, size: number): MiniSearchJSON {
  if (!isRecord(payload)) unreadable()
  const { index, serializationVersion, ...head } = payload
  const { documentCount, documentIds, fieldIds, fieldLength, averageFieldLength, storedFields } = head
  if (documentCount !== size)
    corrupt(`it stores ${size} documents but its MiniSearch payload has ${String(documentCount)}`)
  const fields = searchFields.length
  const isLength = (value: unknown) => typeof value === 'number' && value >= 0 && value < Infinity
  if (
    serializationVersion !== 2 ||
    !isRecord(fieldIds) ||
    !searchFields.every((field, id) => fieldIds[field] === id) ||
    !isRecord(documentIds) ||
    Object.keys(documentIds).length !== size ||
    !isRecord(fieldLength) ||
    !Array.isArray(averageFieldLength) ||
    averageFieldLength.length !== fields ||
    !averageFieldLength.every(isLength) ||
    !isRecord(storedFields) ||
    Object.keys(storedFields).length > 0 ||
    !Array.isArray(index)
  ) {
    unreadable()
  }
  for (let doc = 0; doc < size; doc++) {
    const lengths = fieldLength[doc]
    if (documentIds[doc] !== doc || !Array.isArray(lengths) || lengths.length !== fields || !lengths.every(isLength))
      unreadable()
  }
  let previous: string | undefined
  for (const entry of index as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) unreadable()
    const [term, postings] = entry as unknown[]
    if (typeof term !== 'string' || (previous !== undefined && term <= previous) || !isRecord(postings)) unreadable()
    for (const [field, counts] of Object.entries(postings))
      if (!fieldKey.test(field) || !(Number(field) < fields) || !isRecord(counts)) unreadable()
    previous = term
  }
  const entries = index as readonly MiniSearchEntry[]
  return { head: head as unknown as MiniSearchHead, entries: () => entries }
}

/** A field id as MiniSearch writes it: a whole number, in decimal. */
const fieldKey = /^(?:0|[1-9]\d*)$/

function unreadable(): never {
  corrupt('its MiniSearch payload could not be read; rebuild the index')
}

function corrupt(reason: string): never {
  throw new IndexFormatError('ERR_INDEX_CORRUPT', `Cannot load index: ${reason}.`)
}
