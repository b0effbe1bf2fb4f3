import type { ChunkedName } from '../../core/chunkedFormat.js'
import { isAscendingPositions } from '../checkFacetData.js'
import type { Facet } from '../facets/facet.js'
import { createValuesFacet } from '../facets/valuesFacet.js'
import type { NamedValues } from '../query/nameIndex.js'

/** The documents of the values names stand for, as the names carry them: facet → value → document deltas. */
export type NamedDocuments = Map<string, Map<string, readonly number[]>>

/**
 * What is wrong with `rows` as names a postings chunk or the manifest holds
 * (`ChunkedName[]`), or `undefined`: keys ascending and each where `isPlaced`
 * says it belongs; per key, entries of values facets (`isValuesFacet`), each
 * with values, a label, and per value its documents as deltas (ascending,
 * below `documentCount`, as a facet file's).
 */
export function namesProblem(
  rows: unknown,
  documentCount: number,
  isValuesFacet: (facet: string) => boolean,
  isPlaced: (key: string) => boolean,
): string | undefined {
  if (!Array.isArray(rows)) return 'has names that are not a list'
  let previous: string | undefined
  for (const row of rows as unknown[]) {
    const [key, entries] = Array.isArray(row) ? (row as unknown[]) : []
    if (typeof key !== 'string' || (previous !== undefined && key <= previous))
      return 'has names whose keys are not text in ascending order'
    if (!isPlaced(key)) return 'has a name that belongs in another file'
    previous = key
    if (!Array.isArray(entries) || !entries.every((entry) => isNamedEntry(entry, documentCount, isValuesFacet)))
      return 'has a name without [facet, values, label, documents] of a values facet'
  }
  return undefined
}

function isNamedEntry(entry: unknown, documentCount: number, isValuesFacet: (facet: string) => boolean): boolean {
  if (!Array.isArray(entry)) return false
  const [facet, values, label, deltas] = entry as unknown[]
  return (
    typeof facet === 'string' &&
    isValuesFacet(facet) &&
    isStrings(values) &&
    values.length > 0 &&
    typeof label === 'string' &&
    Array.isArray(deltas) &&
    deltas.length === values.length &&
    deltas.every((list) => isAscendingPositions(summed(list), documentCount))
  )
}

/** Document deltas summed back to documents (`undefined` when they are not numbers). */
function summed(deltas: unknown): number[] | undefined {
  if (!Array.isArray(deltas) || !deltas.every((delta) => typeof delta === 'number')) return undefined
  let doc = 0
  return deltas.map((delta) => (doc += delta))
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
  const docs = sorted.map((value) => namedDocumentsOf(documents, facet, value) ?? [])
  return createValuesFacet({ values: sorted, docs }, [], size)
}

/** The documents of a value of `facet` as the names read so far carry them (`undefined`: no name read stands for it). */
export function namedDocumentsOf(documents: NamedDocuments, facet: string, value: string): number[] | undefined {
  const deltas = documents.get(facet)?.get(value)
  if (deltas === undefined) return undefined
  let doc = 0
  return deltas.map((delta) => (doc += delta))
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
