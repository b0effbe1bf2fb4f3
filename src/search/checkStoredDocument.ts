import { isRecord } from '../core/guards.js'

/**
 * Whether `value` is a stored document as the runtime shows it: an `id` and a
 * `title`, other display fields as text, and the app's own `fields` of
 * texts, finite numbers, booleans and lists of texts.
 */
export function isStoredDocument(value: unknown): boolean {
  if (!isRecord(value) || typeof value['id'] !== 'string' || typeof value['title'] !== 'string') return false
  return Object.entries(value).every(([key, field]) =>
    key === 'fields' ? isRecord(field) && Object.values(field).every(isFieldValue) : typeof field === 'string',
  )
}

function isFieldValue(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  )
}
