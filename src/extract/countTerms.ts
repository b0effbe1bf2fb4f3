import { normalizeTerm, tokenize } from '../core/fold.js'
import { isCount, isRecord } from '../core/guards.js'
import { searchFields, type SearchField } from '../core/options.js'

/** One text field of one record, counted the way MiniSearch's `add` counts it. */
export interface FieldTerms {
  /** Distinct raw tokens: what MiniSearch stores as the field's length. */
  readonly length: number
  /** Index terms (normalised, stop words removed), in the order first seen. */
  readonly terms: readonly string[]
  /** How often each of `terms` occurs, at the same position. */
  readonly counts: readonly number[]
}

/** The text fields of one record counted, in `searchFields` order. */
export type RecordTerms = readonly FieldTerms[]

/**
 * Tokenize and normalise a record's text fields once, where the record is
 * extracted (a worker, or the cache): the builder then only merges counts.
 * Gives exactly what MiniSearch's `add` would index for the same fields.
 */
export function countTerms(fields: Readonly<Record<SearchField, string>>): RecordTerms {
  return searchFields.map((field) => countField(fields[field]))
}

function countField(text: string): FieldTerms {
  const tokens = tokenize(text)
  const counts = new Map<string, number>()
  for (const token of tokens) {
    const term = normalizeTerm(token)
    if (term !== null) counts.set(term, (counts.get(term) ?? 0) + 1)
  }
  return { length: new Set(tokens).size, terms: [...counts.keys()], counts: [...counts.values()] }
}

/** Whether `value` has the shape of `RecordTerms` (for records read from a cache). */
export function isRecordTerms(value: unknown): value is RecordTerms {
  return (
    Array.isArray(value) &&
    value.length === searchFields.length &&
    value.every((field: unknown) => {
      if (!isRecord(field)) return false
      const { length, terms, counts } = field
      return (
        isCount(length) &&
        Array.isArray(terms) &&
        Array.isArray(counts) &&
        terms.length === counts.length &&
        terms.every((term) => typeof term === 'string' && term !== '') &&
        counts.every((count) => isCount(count) && count > 0)
      )
    })
  )
}
