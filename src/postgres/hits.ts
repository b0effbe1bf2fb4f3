import type { StoredFields } from '../core/indexData.js'
import { withPlace } from '../search/searchIndex.js'
import type { ResolvedSearchOptions } from '../search/searchOptions.js'
import type { SearchHit } from '../search/searchResult.js'
import { makeSnippet, snippetScanLimit } from '../search/snippet.js'
import type { TermPlan } from './termPlan.js'
import type { TableNames } from './tableNames.js'

interface StoredRow {
  readonly position: number
  readonly id: string
  readonly title: string
  readonly short_description: string | null
  readonly description: string | null
  readonly image: string | null
  readonly date: string | null
  readonly place: string | null
  /** The app's own stored fields (the `store` option), as JSON; null when none. */
  readonly fields: StoredFields | null
  readonly lat: number | null
  readonly lon: number | null
  readonly body: string
  readonly terms: readonly string[] | null
}

/**
 * Characters of the body read for a snippet: one more than `makeSnippet`
 * scans, so it still sees that the text goes on.
 */
const snippetSource = snippetScanLimit + 1

/**
 * The page's hits in order: stored fields (the app's own `fields` too), the
 * index terms each matched (its lexemes among the query's words and
 * prefixes), a snippet made by the static index's own `makeSnippet`, and
 * the coordinates, with the distance from `near` computed by the static
 * index's own `withPlace`.
 */
export async function hitsOf(
  query: (text: string, values: unknown[]) => Promise<readonly unknown[]>,
  names: TableNames,
  page: readonly (readonly [position: number, score: number])[],
  plan: TermPlan | undefined,
  resolved: Pick<ResolvedSearchOptions, 'snippetLength' | 'near'>,
): Promise<SearchHit[]> {
  if (page.length === 0) return []
  const values: unknown[] = [page.map(([position]) => position), snippetSource]
  let terms = 'NULL::text[]'
  if (plan !== undefined && plan.match !== '') {
    values.push(plan.words, plan.prefixes)
    terms = `ARRAY(SELECT l FROM unnest(tsvector_to_array(a.search)) l
      WHERE l = ANY($3::text[]) OR l ^@ ANY($4::text[]))`
  }
  const rows = (await query(
    `SELECT a.position, a.id, a.title, a.short_description, a.description, a.image, a.date, a.place, a.fields, a.lat, a.lon,
       left(a.body, $2) AS body, ${terms} AS terms
     FROM ${names.main} a WHERE a.position = ANY($1::int[])`,
    values,
  )) as readonly StoredRow[]
  const byPosition = new Map(rows.map((row) => [row.position, row]))
  const hits: SearchHit[] = []
  for (const [position, score] of page) {
    const row = byPosition.get(position)
    if (row === undefined) continue
    const matched = row.terms ?? []
    const stored = {
      id: row.id,
      title: row.title,
      ...(row.short_description === null ? {} : { shortDescription: row.short_description }),
      ...(row.description === null ? {} : { description: row.description }),
      ...(row.image === null ? {} : { image: row.image }),
      ...(row.date === null ? {} : { date: row.date }),
      ...(row.place === null ? {} : { place: row.place }),
    }
    const hit: SearchHit = {
      ...stored,
      fields: row.fields ?? {},
      score,
      terms: matched,
      snippet: makeSnippet(row.body || row.description || '', new Set(matched), resolved.snippetLength),
    }
    const point = row.lat === null || row.lon === null ? undefined : { lat: row.lat, lon: row.lon }
    hits.push(withPlace(hit, point, resolved.near))
  }
  return hits
}
