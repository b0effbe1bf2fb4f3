import type { Article, ArticleFieldValue, Diagnostic, Infobox, InfoboxField, Link } from './article.js'
import { normalizeCharacters } from './normalizeCharacters.js'

/** Keys that could reach an object prototype if copied carelessly. Never kept. */
const unsafeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Front-matter keys read into the article's own properties; every other key is one of its `fields`. */
const articleKeys: ReadonlySet<string> = new Set([
  'id',
  'title',
  'shortDescription',
  'description',
  'author',
  'img',
  'infoboxes',
])

interface Context {
  readonly file: string | undefined
  readonly diagnostics: Diagnostic[]
}

/**
 * Narrow parsed front matter (mappings as `Map`s, everything else `unknown`)
 * into an `Article`. Wrong types are reported as warnings and dropped or
 * coerced; nothing here throws.
 */
export function toArticle(
  data: ReadonlyMap<unknown, unknown>,
  body: string,
  fallbackId: string | undefined,
  file: string | undefined,
): Article {
  const context: Context = { file, diagnostics: [] }
  const title = readText(data, 'title', context)
  const id = readText(data, 'id', context) ?? fallbackId ?? slug(title ?? '')
  if (title === undefined) {
    warn(context, 'title-missing', `no "title" in front matter; using the id "${id}"`)
  }
  const article: Record<string, unknown> = {
    id,
    title: title ?? id,
    infoboxes: readInfoboxes(data.get('infoboxes'), context),
    body,
    fields: readFields(data),
    diagnostics: context.diagnostics,
  }
  for (const [key, name] of [
    ['shortDescription', 'shortDescription'],
    ['description', 'description'],
    ['author', 'author'],
    ['image', 'img'],
  ] as const) {
    const value = readText(data, name, context)
    if (value === undefined) continue
    if (key === 'image' && !isSafeUrl(value)) {
      warn(
        context,
        'unsafe-url',
        `"img" must be an http(s) URL or a relative path, not ${JSON.stringify(value.slice(0, 40))}; it was ignored`,
      )
      continue
    }
    article[key] = value
  }
  return article as unknown as Article
}

/** The front-matter fields that are not the article's own (see `Article.fields`). */
function readFields(data: ReadonlyMap<unknown, unknown>): Record<string, ArticleFieldValue> {
  const fields = Object.create(null) as Record<string, ArticleFieldValue>
  for (const [key, value] of data) {
    if (typeof key !== 'string' || articleKeys.has(key) || unsafeKeys.has(key)) continue
    const field = toFieldValue(value)
    if (field !== undefined) fields[key] = field
  }
  return fields
}

/** A front-matter value as an `ArticleFieldValue`; `undefined` when blank. */
function toFieldValue(value: unknown): ArticleFieldValue | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') return toText(value)
  if (!Array.isArray(value)) return null
  const items: string[] = []
  for (const item of value) {
    if (typeof item !== 'string' && typeof item !== 'number') return null
    const text = toText(item)
    if (text !== undefined) items.push(text)
  }
  return items
}

/**
 * True for an http(s) URL or a relative path: what a page may put in `src`
 * or `href` unchecked. Browsers ignore tabs, newlines and control characters
 * in a scheme (`java\tscript:`), so those are dropped before looking.
 */
function isSafeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url.replace(/[\0-\x20\x7f]/g, ''))?.[1]
  return scheme === undefined || /^https?$/i.test(scheme)
}

function readText(data: ReadonlyMap<unknown, unknown>, key: string, context: Context): string | undefined {
  const value = data.get(key)
  const text = toText(value)
  if (text === undefined && value !== undefined && value !== null && typeof value !== 'string') {
    warn(context, 'field-type', `"${key}" should be text, not ${kindOf(value)}; it was ignored`)
  }
  return text
}

/** Text from a scalar; the literal `undefined` and blank strings count as missing. */
function toText(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (typeof value !== 'string') return undefined
  // YAML escapes can make what the raw text was cleaned of: normalised the same way.
  const text = normalizeCharacters(value).trim()
  return text === '' || text === 'undefined' ? undefined : text
}

function readInfoboxes(value: unknown, context: Context): Infobox[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    warn(context, 'field-type', `"infoboxes" should be a list of infoboxes, not ${kindOf(value)}; it was ignored`)
    return []
  }
  const infoboxes: Infobox[] = []
  for (const [index, item] of value.entries()) {
    if (!(item instanceof Map)) {
      warn(
        context,
        'field-type',
        `infobox ${index + 1} should be a mapping of fields, not ${kindOf(item)}; it was ignored`,
      )
      continue
    }
    infoboxes.push(readInfobox(item, index, context))
  }
  return infoboxes
}

function readInfobox(map: ReadonlyMap<unknown, unknown>, index: number, context: Context): Infobox {
  const infobox = Object.create(null) as Record<string, InfoboxField>
  for (const [rawKey, value] of map) {
    const key =
      typeof rawKey === 'string' || typeof rawKey === 'number' ? normalizeCharacters(String(rawKey)).trim() : undefined
    if (key === undefined || key === '' || unsafeKeys.has(key)) {
      warn(
        context,
        'unsafe-key',
        `infobox ${index + 1} has a field named ${JSON.stringify(String(rawKey)).slice(0, 60)}, which is not allowed; it was ignored`,
      )
      continue
    }
    const field = readField(value, key, context)
    if (field !== undefined) infobox[key] = field
  }
  return infobox
}

function readField(value: unknown, key: string, context: Context): InfoboxField | undefined {
  const text = toText(value)
  if (text !== undefined) return { text, links: [] }
  if (!(value instanceof Map)) {
    if (value !== null && value !== undefined) {
      warn(
        context,
        'field-type',
        `infobox field "${key}" should be { text, links }, not ${kindOf(value)}; it was ignored`,
      )
    }
    return undefined
  }
  const map: ReadonlyMap<unknown, unknown> = value
  const links = readLinks(map.get('links'), key, context)
  const rawText = map.get('text')
  const fieldText = toText(rawText)
  if (fieldText === undefined && rawText !== undefined && rawText !== null && typeof rawText !== 'string') {
    warn(
      context,
      'field-type',
      `"text" of infobox field "${key}" should be text, not ${kindOf(rawText)}; it was ignored`,
    )
  }
  if (fieldText === undefined && links.length === 0) return undefined
  return { text: fieldText ?? '', links }
}

function readLinks(value: unknown, key: string, context: Context): Link[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    warn(
      context,
      'field-type',
      `"links" of infobox field "${key}" should be a list, not ${kindOf(value)}; it was ignored`,
    )
    return []
  }
  const links: Link[] = []
  for (const item of value) {
    if (!(item instanceof Map)) {
      if (item !== null && item !== undefined)
        warn(
          context,
          'field-type',
          `a link of infobox field "${key}" should be { type, page, text }, not ${kindOf(item)}; it was ignored`,
        )
      continue
    }
    const page = toText(item.get('page'))
    const text = toText(item.get('text'))
    if (page === undefined && text === undefined) continue
    links.push({
      type: toText(item.get('type')) ?? 'internal',
      ...(page === undefined ? {} : { page }),
      ...(text === undefined ? {} : { text }),
    })
  }
  return links
}

function warn(context: Context, code: string, message: string): void {
  context.diagnostics.push({
    severity: 'warning',
    code,
    message,
    ...(context.file === undefined ? {} : { file: context.file }),
  })
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Map) return 'a mapping'
  if (value === null) return 'null'
  return `a ${typeof value}`
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'article'
  )
}
