import type { Article, Diagnostic, Infobox } from '../parse/article.js'
import { extractCombatants } from './facets/combatants.js'
import { parseDate } from './facets/dates.js'
import { extractFieldValues } from './facets/fieldValues.js'
import { findConflictInfobox, inferInfoboxKind } from './facets/kind.js'
import { extractPlaces } from './facets/places.js'
import { cleanValue, matchKey } from './facets/clean.js'
import { canonicalName, isFlagIcon, isValueLink } from './facets/links.js'
import type { RecordFacets, WrittenValue } from './record.js'

/**
 * Facet values of an article. The conflict infobox is used when there is one,
 * else the first infobox; `extra` names other fields to collect (a name such
 * as `commander` also collects `commander1`, `commander2`, …).
 */
export function extractFacets(
  article: Article,
  extra: readonly string[] = [],
): { facets: RecordFacets; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const infobox: Infobox | undefined = findConflictInfobox(article.infoboxes) ?? article.infoboxes[0]
  const kind = [...new Set(article.infoboxes.map(inferInfoboxKind))]
  if (infobox === undefined) {
    return {
      facets: {
        kind,
        place: [],
        placeHierarchy: [],
        combatant: [],
        extra: {},
        labels: {},
        linkAliases: linkAliasesOf(article.infoboxes, infobox, extra),
      },
      diagnostics,
    }
  }
  const dateText = infobox['date']?.text
  const date = dateText === undefined ? undefined : parseDate(dateText)
  if (dateText !== undefined && dateText.trim() !== '' && date === undefined) {
    diagnostics.push({
      severity: 'warning',
      code: 'date-unparsed',
      message: `the date "${dateText.slice(0, 80)}" could not be read; the article has no date facet`,
    })
  }
  const places = extractPlaces(infobox['place'])
  const extraValues: Record<string, readonly string[]> = {}
  const labels: Record<string, readonly WrittenValue[]> = { place: places.labels }
  for (const name of extra) {
    const found = fieldsNamed(infobox, name).flatMap((field) => extractFieldValues(field))
    if (found.length === 0) continue
    extraValues[name] = [...new Set(found.map((value) => value.value))]
    labels[name] = found.map(({ value, display }) => ({ value, label: display }))
  }
  return {
    facets: {
      kind,
      ...(date === undefined ? {} : { date }),
      place: places.values,
      placeHierarchy: places.hierarchy,
      combatant: extractCombatants(infobox),
      extra: extraValues,
      labels,
      linkAliases: linkAliasesOf(article.infoboxes, infobox, extra),
    },
    diagnostics,
  }
}

/** `name` itself, then `name1`, `name2`, `name1a`, … in field order. */
function fieldsNamed(infobox: Infobox, name: string) {
  const numbered = new RegExp(`^${name.replace(/[-]/g, '\\-')}\\d+[a-z]?$`)
  return Object.keys(infobox)
    .filter((key) => key === name || numbered.test(key))
    .map((key) => infobox[key])
    .filter((field) => field !== undefined)
}

/**
 * The links of every infobox field whose text is another name for their page,
 * but for the facet fields of the infobox the facets come from (those count
 * as how the facet writes its values already).
 */
function linkAliasesOf(
  infoboxes: readonly Infobox[],
  facetSource: Infobox | undefined,
  extra: readonly string[],
): WrittenValue[] {
  const found: WrittenValue[] = []
  const isFacetField = (name: string) =>
    name === 'place' ||
    /^combatants?[ _]?\d+[a-z]?$/i.test(name.trim()) ||
    extra.some((facet) => name === facet || new RegExp(`^${facet}\\d+[a-z]?$`).test(name))
  for (const infobox of infoboxes) {
    for (const [name, field] of Object.entries(infobox)) {
      if (infobox === facetSource && isFacetField(name)) continue
      for (const link of field.links) {
        if (!isValueLink(link) || isFlagIcon(link)) continue
        const value = canonicalName(link)
        const label = cleanValue(link.text)
        if (value !== undefined && label !== undefined && matchKey(label) !== matchKey(value))
          found.push({ value, label })
      }
    }
  }
  return found
}
