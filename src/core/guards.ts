/** Narrowing helpers for untrusted input (`unknown` until checked). */

/** An object or an array: anything `in` and property reads work on. */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/** A plain object of named values, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A whole number ≥ 0 that is safe to index with. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * `record[key]` when `key` is the record's own: never an inherited member
 * (`__proto__`, `constructor`, `toString`) of an object read from a file.
 */
export function ownEntry<Value>(record: Readonly<Record<string, Value>> | undefined, key: string): Value | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}
