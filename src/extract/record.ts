import type { Diagnostic } from '../parse/article.js'
import type { StoredDocument } from '../core/indexData.js'
import type { DateInterval } from '../core/dateKey.js'
import type { RecordTerms } from './countTerms.js'

/** One side's entity in a conflict. */
export interface CombatantValue {
  /** Canonical name: the link page when there is one. */
  readonly value: string
  /** The text as written in the infobox. */
  readonly display: string
  /** The side: 1 for `combatant1`/`combatant1a`, 2 for `combatant2`, … */
  readonly side: number
}

/** A facet value and how an article writes it (`France` for the value `Kingdom of France`). */
export interface WrittenValue {
  readonly value: string
  readonly label: string
}

/** Facet values of one article, as extracted from its infoboxes. */
export interface RecordFacets {
  /** Kinds of the article's infoboxes, inferred from their fields. */
  readonly kind: readonly string[]
  readonly date?: DateInterval
  /** Canonical place names, most specific first. */
  readonly place: readonly string[]
  /** The same places, least specific first: country › region › locality. */
  readonly placeHierarchy: readonly string[]
  readonly combatant: readonly CombatantValue[]
  /** Extra facets declared at build time: name → values. */
  readonly extra: Readonly<Record<string, readonly string[]>>
  /**
   * How the article writes the values of `place` and of the extra facets
   * (combatants carry theirs): counted over the corpus, they give each
   * value its display label and the aliases a query or a filter may use.
   */
  readonly labels: Readonly<Record<string, readonly WrittenValue[]>>
  /**
   * Every infobox link, in any field, whose text names its page another way
   * (`NDF` → `National Defence Forces (Syria)`): aliases of that page
   * wherever it is a facet value, in this article or another.
   */
  readonly linkAliases: readonly WrittenValue[]
}

/** Everything the index needs from one article: the stored fields, text fields and facets. */
export interface IndexRecord extends StoredDocument {
  /** Every infobox field's text and link pages, one per line. */
  readonly infobox: string
  /** Plain text of the body, per the `body` profile. */
  readonly body: string
  readonly facets: RecordFacets
  readonly diagnostics: readonly Diagnostic[]
  /**
   * The text fields tokenized and counted (`IndexBuilder.extract` fills it,
   * so workers and the cache do that work). Absent from `extractRecord`'s
   * records; must match the fields when present.
   */
  readonly terms?: RecordTerms
}
