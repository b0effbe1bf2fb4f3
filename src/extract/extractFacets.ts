import type { Article, Diagnostic, Infobox } from '../parse/article.js'
import { extractCombatants } from './facets/combatants.js'
import { parseDate } from './facets/dates.js'
import { extractFieldValues } from './facets/fieldValues.js'
import { findConflictInfobox, inferInfoboxKind } from './facets/kind.js'
import { extractPlaces } from './facets/places.js'
import type { RecordFacets } from './record.js'

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
    return { facets: { kind, place: [], placeHierarchy: [], combatant: [], extra: {} }, diagnostics }
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
  for (const name of extra) {
    const values = fieldsNamed(infobox, name).flatMap((field) => extractFieldValues(field).map((v) => v.value))
    if (values.length > 0) extraValues[name] = [...new Set(values)]
  }
  return {
    facets: {
      kind,
      ...(date === undefined ? {} : { date }),
      place: places.values,
      placeHierarchy: places.hierarchy,
      combatant: extractCombatants(infobox),
      extra: extraValues,
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
