import type { FieldValue } from '../core/indexData.js'
import type { IndexOptions } from '../core/options.js'
import type { Article, ArticleFieldValue, Diagnostic } from '../parse/article.js'
import type { WrittenValue } from './record.js'

/** What the index takes from an article's own front-matter fields. */
export interface CustomFields {
  /** The fields named by `store`, as written (absent when none). */
  readonly stored: Readonly<Record<string, FieldValue>> | undefined
  /** The text of the fields named by `fields`, one value per line. */
  readonly text: string
  /** Values of the facets named by `facets` that the front matter holds. */
  readonly facets: Readonly<Record<string, readonly WrittenValue[]>>
  readonly diagnostics: readonly Diagnostic[]
}

const expected = 'a text, a number, a boolean or a list of texts'

/**
 * Read the app's own front-matter fields named by the options: `store` keeps
 * them for hits, `fields` makes their text searchable, `facets` collects
 * their values. A field that `store` or `fields` names but an article lacks,
 * or that holds a mapping, is reported (a facet may come from the infobox
 * instead, so only its wrong types are).
 */
export function extractCustomFields(
  article: Article,
  options: Pick<IndexOptions, 'store' | 'fields' | 'facets'>,
): CustomFields {
  const written = article.fields ?? {}
  const read = (name: string): ArticleFieldValue | undefined =>
    Object.hasOwn(written, name) ? written[name] : undefined
  const diagnostics: Diagnostic[] = []
  const report = (code: string, message: string) => diagnostics.push({ severity: 'warning', code, message })
  for (const name of new Set([...options.store, ...options.fields])) {
    if (read(name) === undefined) report('field-missing', `no "${name}" in front matter (named by --store or --field)`)
  }
  for (const name of new Set([...options.store, ...options.fields, ...options.facets])) {
    if (read(name) === null)
      report('field-type', `front-matter field "${name}" should be ${expected}, not a mapping; it was ignored`)
  }

  const stored: Record<string, FieldValue> = {}
  for (const name of options.store) {
    const value = read(name)
    if (value !== undefined && value !== null) stored[name] = value
  }
  // A boolean says nothing to search for; it can still be stored or faceted.
  const text = options.fields
    .map(read)
    .flatMap((value) => (typeof value === 'boolean' ? [] : textsOf(value)))
    .join('\n')
  const facets: Record<string, WrittenValue[]> = {}
  for (const name of options.facets) {
    const values = textsOf(read(name))
    if (values.length > 0) facets[name] = values.map((value) => ({ value, label: value }))
  }
  return {
    stored: Object.keys(stored).length === 0 ? undefined : stored,
    text,
    facets,
    diagnostics,
  }
}

/** A front-matter value as texts: a text, number or boolean is one, a list is each of its items. */
function textsOf(value: ArticleFieldValue | undefined): readonly string[] {
  if (value === undefined || value === null) return []
  return typeof value === 'object' ? value : [String(value)]
}
