import type { IndexRecord } from '../extract/record.js'

/** Facet labels as the static index keeps them: per value, the first display text that differs from it. */
export interface LabelCollector {
  add(record: IndexRecord): void
  /** `[facet, value, label]` rows. */
  rows(): Iterable<readonly [string, string, string]>
}

/** Collect labels over records in load order (only combatants have display texts). */
export function collectLabels(): LabelCollector {
  const labels = new Map<string, string>()
  return {
    add(record) {
      for (const { value, display } of record.facets.combatant) {
        if (display.toLowerCase() !== value.toLowerCase() && !labels.has(value)) labels.set(value, display)
      }
    },
    *rows() {
      for (const [value, label] of labels) yield ['combatant', value, label] as const
    },
  }
}
