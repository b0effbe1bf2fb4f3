/** A link inside an infobox field, as the converter wrote it. */
export interface Link {
  /** `internal` for a wiki page, `external` for a URL; other values are kept as-is. */
  readonly type: string
  /** Target page title (internal links) or URL (external links). */
  readonly page?: string
  /** Display text when it differs from the page. */
  readonly text?: string
}

/** One infobox field: its plain text and the links inside it. */
export interface InfoboxField {
  readonly text: string
  readonly links: readonly Link[]
}

/**
 * An infobox: field name → field. The object has no prototype, so a field
 * named `constructor` or `toString` is data, never a method.
 */
export type Infobox = Readonly<Record<string, InfoboxField>>

/** Severity of a content problem. `error` means the article was skipped. */
export type DiagnosticSeverity = 'error' | 'warning'

/** A content problem found while reading an article. Never thrown. */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity
  /** Stable machine-readable code, e.g. `front-matter-missing`. */
  readonly code: string
  readonly message: string
  /** The file the article came from, when known. */
  readonly file?: string
}

/**
 * The value of one of the app's own front-matter fields (`url`, `tags`,
 * `category`): a text, a number, a boolean or a list of texts (numbers in a
 * list become texts). `null` marks a field that is there but of another
 * kind (a mapping, a list of mappings), so a build that uses it can say so.
 */
export type ArticleFieldValue = string | number | boolean | readonly string[] | null

/** A parsed, validated article. */
export interface Article {
  readonly id: string
  readonly title: string
  readonly shortDescription?: string
  readonly description?: string
  readonly author?: string
  /** Image URL from the `img` front matter field. */
  readonly image?: string
  readonly infoboxes: readonly Infobox[]
  /** The Markdown body after the front matter. */
  readonly body: string
  /**
   * The other front-matter fields, by name (a prototype-free object; keys
   * like `__proto__` are never kept). Blank and `null` values are absent.
   */
  readonly fields?: Readonly<Record<string, ArticleFieldValue>>
  readonly diagnostics: readonly Diagnostic[]
}
