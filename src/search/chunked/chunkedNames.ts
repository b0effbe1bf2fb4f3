import type { ChunkedName } from '../../core/chunkedFormat.js'
import { isRecord } from '../../core/guards.js'
import type { Facet } from '../facets/facet.js'
import { createValuesFacet } from '../facets/valuesFacet.js'
import type { NamedValues } from '../query/nameIndex.js'

/** The documents of the values names stand for, as the names carry them: facet → value → document deltas. */
export type NamedDocuments = Map<string, Map<string, readonly number[]>>

/** Whether `rows` are names as a postings chunk or the manifest holds them (`ChunkedName[]`). */
export function isChunkedNames(rows: unknown): rows is ChunkedName[] {
  return (
    Array.isArray(rows) &&
    rows.every(
      (row) =>
        Array.isArray(row) &&
        typeof row[0] === 'string' &&
        Array.isArray(row[1]) &&
        (row[1] as unknown[]).every(
          (entry) =>
            Array.isArray(entry) &&
            typeof entry[0] === 'string' &&
            isStrings(entry[1]) &&
            entry[1].length > 0 &&
            typeof entry[2] === 'string' &&
            Array.isArray(entry[3]) &&
            entry[3].length === entry[1].length &&
            (entry[3] as unknown[]).every(isCounts),
        ),
    )
  )
}

/** Add `rows` to a query's name index (`understandQuery` reads it) and their values' documents to `documents`. */
export function addChunkedNames(
  rows: readonly ChunkedName[],
  names: Map<string, readonly NamedValues[]>,
  documents: NamedDocuments,
): void {
  for (const [key, entries] of rows) {
    names.set(
      key,
      entries.map(([facet, values, label]) => ({ facet, values, label })),
    )
    for (const [facet, values, , deltas] of entries) {
      let ofFacet = documents.get(facet)
      if (ofFacet === undefined) documents.set(facet, (ofFacet = new Map<string, readonly number[]>()))
      values.forEach((value, at) => ofFacet.set(value, deltas[at] ?? []))
    }
  }
}

/**
 * A facet of only `values` (each must be in `documents`), with the documents
 * the names carry: it selects for a filter of them exactly what the whole
 * facet would. What a query's named values rank or filter by.
 */
export function namedValuesFacet(
  facet: string,
  values: readonly string[],
  documents: NamedDocuments,
  size: number,
): Facet {
  const sorted = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const docs = sorted.map((value) => {
    let doc = 0
    return (documents.get(facet)?.get(value) ?? []).map((delta) => (doc += delta))
  })
  return createValuesFacet({ values: sorted, docs }, [], size)
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isCounts(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => Number.isInteger(item) && (item as number) >= 0)
}

/** A postings chunk's names (none when it has no `names`). */
export function namesOfChunk(chunk: unknown): unknown {
  return isRecord(chunk) ? (chunk['names'] ?? []) : undefined
}
