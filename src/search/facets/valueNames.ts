import { fold } from '../../core/fold.js'
import { ownEntry } from '../../core/guards.js'
import type { FacetTable } from '../../core/indexData.js'

/**
 * The key two spellings of a name share: folded (case, diacritics), runs of
 * spaces and punctuation made one space. `U.S.A.` and `u s a` share one.
 */
export function nameKey(text: string): string {
  return fold(text)
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
}

/**
 * Every name of every value of a facet: the value itself, its display label
 * and its aliases, by `nameKey`. A name that several values answer to lists
 * them all, those with more articles first (then in value order).
 */
export function valueNames(table: FacetTable): Map<string, string[]> {
  const names = new Map<string, string[]>()
  const add = (name: string, value: string) => {
    const key = nameKey(name)
    if (key === '') return
    const values = names.get(key)
    if (values === undefined) names.set(key, [value])
    else if (!values.includes(value)) values.push(value)
  }
  table.values.forEach((value) => {
    add(value, value)
    const label = ownEntry(table.labels, value)
    if (label !== undefined) add(label, value)
    for (const [alias] of ownEntry(table.aliases, value) ?? []) add(alias, value)
  })
  const articles = new Map(table.values.map((value, at) => [value, table.docs[at]?.length ?? 0]))
  for (const values of names.values())
    values.sort((a, b) => (articles.get(b) ?? 0) - (articles.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
  return names
}

/**
 * The values filter names stand for: a value as it is, else every value
 * whose name (label, alias, or itself in another case or punctuation) it
 * is, else itself (a value the index does not have: it matches nothing).
 * Each value once, in the order met.
 */
export function resolveNames(
  given: readonly string[],
  isValue: (name: string) => boolean,
  valuesNamed: (key: string) => readonly string[] | undefined,
): string[] {
  const resolved: string[] = []
  for (const name of given) {
    const named = isValue(name) ? [name] : (valuesNamed(nameKey(name)) ?? [name])
    for (const value of named) if (!resolved.includes(value)) resolved.push(value)
  }
  return resolved
}
