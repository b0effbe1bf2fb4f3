import { InfoboxSearchError } from '../core/errors.js'
import { dateKey } from '../core/dateKey.js'
import { extractRecord } from '../extract/extractRecord.js'
import type { IndexRecord } from '../extract/record.js'
import { countTerms, type RecordTerms } from '../extract/countTerms.js'
import { detach } from './detach.js'
import type { PackedTerms } from './packedTerms.js'
import { createPostings } from './postings.js'
import type { Article } from '../parse/article.js'
import type { FacetTable, StoredDocument } from '../core/indexData.js'
import { SearchIndex } from '../search/searchIndex.js'
import { resolveIndexOptions, type BuildIndexOptions, type IndexOptions, type SearchField } from '../core/options.js'

/**
 * A record restored from the build cache: its text fields were counted when
 * it was extracted, and its counts come packed (`PackedTerms`); its infobox
 * text, counted but never stored, is not kept.
 */
export interface CachedRecord extends Omit<IndexRecord, 'infobox' | 'terms'> {
  readonly terms: PackedTerms
}

/** Adds records one at a time, so a large build never holds every source at once. */
export interface IndexBuilder {
  /** The resolved options (defaults filled). */
  readonly options: IndexOptions
  /**
   * Turn an article into a record, its text fields already tokenized and
   * counted (`terms`). Pure: safe to run in a worker, and the record can be
   * cached as JSON.
   */
  readonly extract: (article: Article) => IndexRecord
  /**
   * Add a record. Records are numbered in the order added, so the same
   * records in the same order give a byte-identical index. A record without
   * `terms` (from `extractRecord`) is counted here; a `CachedRecord` brings
   * its counts packed.
   * @throws {InfoboxSearchError} `ERR_DUPLICATE_ID` when the id was added before,
   * `ERR_BUILDER_FINISHED` after `finish`.
   */
  readonly add: (record: IndexRecord | CachedRecord) => void
  /** Finish and return the index. The builder cannot be used afterwards. */
  readonly finish: () => SearchIndex
}

/**
 * Build an index from parsed articles.
 *
 * @example
 * const index = buildIndex(articles, { body: 'full', facets: ['partof'] })
 * @throws {OptionsError} for an invalid option; {InfoboxSearchError} `ERR_DUPLICATE_ID` for two articles with one id.
 */
export function buildIndex(articles: Iterable<Article>, options?: BuildIndexOptions): SearchIndex {
  const builder = createIndexBuilder(options)
  for (const article of articles) builder.add(builder.extract(article))
  return builder.finish()
}

/** Start an incremental build; see `IndexBuilder`. */
export function createIndexBuilder(input?: BuildIndexOptions): IndexBuilder {
  const options = resolveIndexOptions(input)
  const postings = createPostings()
  let finished = false
  const documents: StoredDocument[] = []
  const texts: string[] = []
  const starts: (number | null)[] = []
  const ends: (number | null)[] = []
  const tables = new Map<string, Map<string, number[]>>()
  const labels = new Map<string, Map<string, string>>()
  const positions = new Map<string, number>()

  const tag = (facet: string, value: string, doc: number, label?: string): void => {
    let table = tables.get(facet)
    if (table === undefined) tables.set(facet, (table = new Map<string, number[]>()))
    const docs = table.get(value)
    if (docs === undefined) table.set(detach(value), [doc])
    else if (docs.at(-1) !== doc) docs.push(doc)
    if (label !== undefined && label.toLowerCase() !== value.toLowerCase() && !labels.get(facet)?.has(value)) {
      labels.set(facet, (labels.get(facet) ?? new Map<string, string>()).set(detach(value), detach(label)))
    }
  }
  // The built-in facets always exist, even when no article has a value.
  for (const facet of ['place', 'combatant', 'kind', ...options.facets]) tables.set(facet, new Map())

  return {
    options,
    extract(article) {
      const record = extractRecord(article, options)
      return { ...record, terms: countTerms(textFields(record)) }
    },
    add(record) {
      if (finished)
        throw new InfoboxSearchError(
          'ERR_BUILDER_FINISHED',
          'infobox-search: this index builder has finished; call createIndexBuilder() again to build another index.',
        )
      const doc = documents.length
      if (positions.has(record.id)) {
        throw new InfoboxSearchError(
          'ERR_DUPLICATE_ID',
          `infobox-search: two articles have the id "${record.id}"; give one of them another "id" in its front matter or file name.`,
          { received: record.id },
        )
      }
      const stored = storedFields(record)
      positions.set(stored.id, doc)
      documents.push(stored)
      texts.push(record.body)
      const { facets } = record
      starts.push(facets.date === undefined ? null : dateKey(facets.date.start, 'start'))
      ends.push(facets.date?.end === undefined ? null : dateKey(facets.date.end, 'end'))
      for (const place of facets.place) tag('place', place, doc)
      facets.placeHierarchy.forEach((place, level) => tag(`place@${level}`, place, doc))
      for (const combatant of facets.combatant) tag('combatant', combatant.value, doc, combatant.display)
      for (const kind of facets.kind) tag('kind', kind, doc)
      // Own values only: an extra facet may be named like an Object method (`valueOf`).
      for (const name of options.facets)
        for (const value of Object.hasOwn(facets.extra, name) ? (facets.extra[name] ?? []) : []) tag(name, value, doc)
      postings.add(termsOf(record))
    },
    finish() {
      finished = true
      const facetTables = Object.create(null) as Record<string, FacetTable>
      for (const name of [...tables.keys()].sort()) {
        const entries = [...(tables.get(name) ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        const facetLabels = labels.get(name)
        facetTables[name] = {
          values: entries.map(([value]) => value),
          docs: entries.map(([, docs]) => docs),
          ...(facetLabels === undefined
            ? {}
            : { labels: Object.fromEntries([...facetLabels].sort(([a], [b]) => (a < b ? -1 : 1))) }),
        }
      }
      return new SearchIndex({
        options,
        documents,
        texts,
        facets: { tables: facetTables, date: { start: starts, end: ends } },
        terms: postings.toJSON(),
      })
    },
  }
}

/** A record's term counts: those it brings, else its text fields counted now. */
function termsOf(record: IndexRecord | CachedRecord): RecordTerms | PackedTerms {
  if (!('infobox' in record)) return record.terms
  return record.terms ?? countTerms(textFields(record))
}

/** The text fields as MiniSearch indexes them (absent fields are empty). */
function textFields(record: IndexRecord): Record<SearchField, string> {
  return {
    title: record.title,
    shortDescription: record.shortDescription ?? '',
    description: record.description ?? '',
    infobox: record.infobox,
    body: record.body,
  }
}

/** The fields kept for a result list, detached from the source they were cut from. */
function storedFields(record: StoredDocument): StoredDocument {
  const stored: Record<string, string> = { id: detach(record.id), title: detach(record.title) }
  for (const key of ['shortDescription', 'description', 'image', 'date', 'place'] as const) {
    const value = record[key]
    if (value !== undefined) stored[key] = detach(value)
  }
  return stored as unknown as StoredDocument
}
