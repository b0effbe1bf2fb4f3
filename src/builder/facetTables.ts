import type { FacetTable } from '../core/indexData.js'
import { matchKey } from '../extract/facets/clean.js'
import type { IndexRecord } from '../extract/record.js'
import { COUNTRY_ALIASES } from '../extract/geo/placeNames.js'
import { detach } from './detach.js'

/** The facet tables of a growing index; see `createFacetTables`. */
export interface FacetTables {
  /** Document `doc` has `value` of `facet` (documents are added in ascending order). */
  tag(facet: string, value: string, doc: number): void
  /** A facet field wrote `value` of `facet` as `label` (`France` for `Kingdom of France`). */
  write(facet: string, value: string, label: string): void
  /** An infobox link outside the facet fields named its page `value` as `label`: an alias of that value in every facet that has it. */
  alias(value: string, label: string): void
  /** Every table, by facet name (sorted), values sorted. */
  finish(): Record<string, FacetTable>
}

/** Written form → how often. */
type Tally = Map<string, number>

/**
 * Per facet, each value's documents, and how articles write it: a value's
 * display label is the form its facet fields most often write it in (when
 * that differs from the value by more than case); its aliases are every
 * other name it is written by, in its facet fields or in any infobox link
 * (`NDF` for `National Defence Forces (Syria)`), with how often, most often
 * first. `facets` exist even when no article has a value.
 */
export function createFacetTables(facets: readonly string[]): FacetTables {
  const tables = new Map<string, Map<string, number[]>>(facets.map((facet) => [facet, new Map()]))
  /** facet → value → written form → how often. */
  const writings = new Map<string, Map<string, Tally>>()
  /** value → written form → how often, over every facet field and every other infobox link. */
  const names = new Map<string, Tally>()

  return {
    tag(facet, value, doc) {
      let table = tables.get(facet)
      if (table === undefined) tables.set(facet, (table = new Map<string, number[]>()))
      const docs = table.get(value)
      if (docs === undefined) table.set(detach(value), [doc])
      else if (docs.at(-1) !== doc) docs.push(doc)
    },
    write(facet, value, label) {
      let values = writings.get(facet)
      if (values === undefined) writings.set(facet, (values = new Map<string, Tally>()))
      count(values, value, label)
      count(names, value, label)
    },
    alias(value, label) {
      count(names, value, label)
    },
    finish() {
      const finished = Object.create(null) as Record<string, FacetTable>
      for (const name of [...tables.keys()].sort()) {
        const entries = [...(tables.get(name) ?? [])].sort(([a], [b]) => compare(a, b))
        const written = writings.get(name)
        // Hierarchy levels (`place@0`) are counted tables only: labels and aliases live on the facet.
        const named = name.includes('@') ? undefined : namesOf(entries, names)
        finished[name] = {
          values: entries.map(([value]) => value),
          docs: entries.map(([, docs]) => docs),
          ...labelsOf(written),
          ...aliasesOf(named),
        }
      }
      return finished
    },
  }
}

/**
 * Add a record's facets to `tables` as document `doc`: its values (with the
 * place hierarchy's levels and the `extra` facets) and every form it writes
 * them in (facet fields, infobox links). The one way records become facet
 * tables, for the index and for the other targets (PostgreSQL, the engine exports).
 */
export function addRecordFacets(
  tables: FacetTables,
  record: Pick<IndexRecord, 'facets'>,
  doc: number,
  extra: readonly string[],
): void {
  const { facets } = record
  for (const place of facets.place) tables.tag('place', place, doc)
  facets.placeHierarchy.forEach((place, level) => tables.tag(`place@${level}`, place, doc))
  for (const combatant of facets.combatant) {
    tables.tag('combatant', combatant.value, doc)
    tables.write('combatant', combatant.value, combatant.display)
  }
  for (const kind of facets.kind) tables.tag('kind', kind, doc)
  for (const country of facets.country) {
    tables.tag('country', country.value, doc)
    tables.write('country', country.value, country.label)
    tables.tag('continent', country.continent, doc)
    // Countries are also named the ways people write them: `Britain`, `USA`.
    for (const alias of COUNTRY_ALIASES.get(country.value) ?? []) tables.alias(country.value, alias)
  }
  // Own values only: an extra facet may be named like an Object method (`valueOf`).
  for (const name of extra)
    for (const value of Object.hasOwn(facets.extra, name) ? (facets.extra[name] ?? []) : [])
      tables.tag(name, value, doc)
  for (const [name, written] of Object.entries(facets.labels))
    for (const { value, label } of written) tables.write(name, value, label)
  for (const { value, label } of facets.linkAliases) tables.alias(value, label)
}

function count(tallies: Map<string, Tally>, value: string, label: string): void {
  let tally = tallies.get(value)
  if (tally === undefined) tallies.set(detach(value), (tally = new Map<string, number>()))
  tally.set(label, (tally.get(label) ?? 0) + 1)
}

/** The written forms of a facet's values, wherever they were written. */
function namesOf(
  entries: readonly (readonly [string, unknown])[],
  names: ReadonlyMap<string, Tally>,
): Map<string, Tally> {
  const found = new Map<string, Tally>()
  for (const [value] of entries) {
    const tally = names.get(value)
    if (tally !== undefined) found.set(value, tally)
  }
  return found
}

/** Written forms, most often first, then in code-unit order. */
function ranked(tally: Tally): [string, number][] {
  return [...tally].sort(([a, countA], [b, countB]) => countB - countA || compare(a, b))
}

/** Value → the form its facet fields most often write it in, where that differs from it by more than case. */
function labelsOf(written: ReadonlyMap<string, Tally> | undefined): Pick<FacetTable, 'labels'> {
  const labels: [string, string][] = []
  for (const [value, tally] of [...(written ?? [])].sort(([a], [b]) => compare(a, b))) {
    const [top] = ranked(tally)[0] ?? []
    if (top !== undefined && top.toLowerCase() !== value.toLowerCase()) labels.push([value, detach(top)])
  }
  return labels.length === 0 ? {} : { labels: Object.fromEntries(labels) }
}

/** Value → its other names, each with how often it was written. */
function aliasesOf(named: ReadonlyMap<string, Tally> | undefined): Pick<FacetTable, 'aliases'> {
  const aliases: [string, (readonly [string, number])[]][] = []
  for (const [value, tally] of [...(named ?? [])].sort(([a], [b]) => compare(a, b))) {
    const key = matchKey(value)
    const other = ranked(tally)
      .filter(([label]) => matchKey(label) !== key)
      .map(([label, times]) => [detach(label), times] as const)
    if (other.length > 0) aliases.push([value, other])
  }
  return aliases.length === 0 ? {} : { aliases: Object.fromEntries(aliases) }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
