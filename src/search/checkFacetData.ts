import { isDateKey } from '../core/dateKey.js'
import { isCount, isRecord } from '../core/guards.js'

/**
 * What is wrong with a facet table from an index file, or `undefined`: the
 * runtime relies on its values being strings in ascending order without
 * repeats (a filter finds them by binary search), on each value's documents
 * being positions below `size` in ascending order without repeats (counts
 * add them up), and on labels being text. Linear in the table.
 */
export function facetTableProblem(table: unknown, size: number): string | undefined {
  if (!isRecord(table)) return 'is not { values, docs }'
  const { values, docs, labels } = table
  if (!Array.isArray(values) || !Array.isArray(docs) || values.length !== docs.length)
    return 'must be { values, docs } of equal length'
  let previous: string | undefined
  for (const value of values) {
    if (typeof value !== 'string') return 'has a value that is not text'
    if (previous !== undefined && value <= previous) return 'has values out of order or repeated'
    previous = value
  }
  for (const list of docs) {
    if (!Array.isArray(list) || !list.every((doc) => isPosition(doc, size)))
      return 'refers to documents that are not in the index'
    if (!isAscendingPositions(list, size)) return "lists a value's documents out of order or twice"
  }
  if (labels !== undefined && (!isRecord(labels) || !Object.values(labels).every((label) => typeof label === 'string')))
    return 'has labels that are not text'
  if (table['aliases'] !== undefined && !isAliases(table['aliases']))
    return 'has aliases that are not [name, count] pairs'
  return undefined
}

/** Value → `[alias, count]` pairs. */
function isAliases(aliases: unknown): boolean {
  return (
    isRecord(aliases) &&
    Object.values(aliases).every(
      (list) =>
        Array.isArray(list) &&
        list.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && isCount(pair[1])),
    )
  )
}

/**
 * What is wrong with the coordinates of an index file, or `undefined`: a
 * latitude (±90) and a longitude (±180) per document, both `null` or both numbers.
 */
export function geoTableProblem(table: unknown, size: number): string | undefined {
  if (!isRecord(table)) return 'is not { lat, lon }'
  const { lat, lon } = table
  const isDegrees = (list: unknown, limit: number): list is unknown[] =>
    Array.isArray(list) &&
    list.length === size &&
    list.every((degrees) => degrees === null || (typeof degrees === 'number' && Math.abs(degrees) <= limit))
  if (
    !isDegrees(lat, 90) ||
    !isDegrees(lon, 180) ||
    !lat.every((value, doc) => (value === null) === (lon[doc] === null))
  )
    return `must hold ${size} latitudes and longitudes in degrees (null for none)`
  return undefined
}

/**
 * What is wrong with the date table of an index file, or `undefined`: one
 * start and one end per document, each `null` or a date key within 10,000
 * years of AD 1 (what the parser makes; a key a million years away made a
 * histogram of millions of buckets).
 */
export function dateTableProblem(table: unknown, size: number): string | undefined {
  if (!isRecord(table)) return 'is not { start, end }'
  const { start, end } = table
  if (!Array.isArray(start) || !Array.isArray(end) || start.length !== size || end.length !== size)
    return `must hold ${size} start and end keys`
  const isKey = (key: unknown) => key === null || isDateKey(key)
  if (!start.every(isKey) || !end.every(isKey)) return 'holds a date key that is not a date within 10,000 years'
  return undefined
}

/** A whole number from 0 to `size - 1`. */
function isPosition(doc: unknown, size: number): boolean {
  return typeof doc === 'number' && Number.isInteger(doc) && doc >= 0 && doc < size
}

/** Whole numbers from 0 to `size - 1`, ascending, none repeated. */
export function isAscendingPositions(list: unknown, size: number): list is number[] {
  if (!Array.isArray(list)) return false
  let previous = -1
  for (const doc of list) {
    if (!(typeof doc === 'number' && Number.isInteger(doc) && doc > previous && doc < size)) return false
    previous = doc
  }
  return true
}
