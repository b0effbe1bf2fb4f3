import { OptionsError } from './errors.js'
import { isRecord } from './guards.js'

/**
 * How much of an article body goes into the index:
 * - `full`: every section;
 * - `sections`: the lead, then each section's heading and first block;
 * - `lead`: the text before the first heading;
 * - `none`: no body text (titles, descriptions and infoboxes only).
 */
export const bodyProfiles = ['full', 'sections', 'lead', 'none'] as const

/** One of `bodyProfiles`. */
export type BodyProfile = (typeof bodyProfiles)[number]

/**
 * The text fields of the index, in a fixed order. `custom` holds the text of
 * the app's own front-matter fields named by the `fields` option.
 */
export const searchFields = ['title', 'shortDescription', 'description', 'infobox', 'body', 'custom'] as const

/** A text field of the index. */
export type SearchField = (typeof searchFields)[number]

/** Options fixed at build time. They travel in the index file, so `loadIndex` needs none. */
export interface IndexOptions {
  /**
   * How much of each body is indexed and kept for snippets. `full` finds the
   * most (known-item tests: 94% first at 10,000 generated articles, against
   * 65% with `lead`); past a few thousand articles, write a chunked index
   * (`--chunked`) rather than one file (at 10,000: ~60 MB gzipped with `full`,
   * ~12 MB with `lead`), so a browser fetches only what each search needs.
   * @default 'full'
   */
  readonly body: BodyProfile
  /**
   * Field weights used when a query does not give its own `boost`.
   * @default { title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1, custom: 1.5 }
   */
  readonly boost: Readonly<Record<SearchField, number>>
  /**
   * Extra facets, besides date, place, combatant and kind: each name collects
   * the values of that infobox field (a name like `commander` also collects
   * `commander1`, `commander2`, …) and of that front-matter field (a text, a
   * number or a list of them: `tags`, `category`).
   * @default []
   */
  readonly facets: readonly string[]
  /**
   * Front-matter fields of the app's own (`url`, `tags`, `category`) kept in
   * each hit's `fields`: texts, numbers, booleans, lists of texts.
   * @default []
   */
  readonly store: readonly string[]
  /** Front-matter fields whose text is searched (the `custom` field). @default [] */
  readonly fields: readonly string[]
  /**
   * Bodies longer than this many characters are truncated (with a diagnostic).
   * @default 2_000_000
   */
  readonly maxBodyLength: number
}

/** What `buildIndex` accepts: any subset of `IndexOptions`. */
export type BuildIndexOptions = Partial<Omit<IndexOptions, 'boost'>> & {
  readonly boost?: Partial<Readonly<Record<SearchField, number>>>
}

export const defaultIndexOptions: IndexOptions = {
  body: 'full',
  boost: { title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1, custom: 1.5 },
  facets: [],
  store: [],
  fields: [],
  maxBodyLength: 2_000_000,
}

const reservedFacets: ReadonlySet<string> = new Set([
  'date',
  'place',
  'combatant',
  'kind',
  'country',
  'continent',
  'coordinates',
  '__proto__',
  'constructor',
  'prototype',
])

/**
 * Fill defaults and check every option.
 * @throws {OptionsError} naming the option, the value received and what is expected.
 */
export function resolveIndexOptions(input: unknown = {}): IndexOptions {
  if (!isRecord(input)) invalid('options', 'an object', input)
  const body = input['body'] ?? defaultIndexOptions.body
  if (!isBodyProfile(body)) invalid('body', `one of ${bodyProfiles.map((p) => `'${p}'`).join(', ')}`, body)
  const boostInput = input['boost'] ?? {}
  if (!isRecord(boostInput)) invalid('boost', 'an object of field weights', boostInput)
  const boost = { ...defaultIndexOptions.boost }
  for (const [field, weight] of Object.entries(boostInput)) {
    if (!(searchFields as readonly string[]).includes(field))
      invalid(`boost.${field}`, `a field among ${searchFields.join(', ')}`, field)
    if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight))
      invalid(`boost.${field}`, 'a finite number ≥ 0', weight)
    boost[field as SearchField] = weight
  }
  const facets = input['facets'] ?? []
  if (
    !Array.isArray(facets) ||
    !facets.every((name) => typeof name === 'string' && /^[\w-]+$/.test(name) && !reservedFacets.has(name))
  ) {
    invalid(
      'facets',
      'a list of infobox or front-matter field names (letters, digits, "_" or "-"), not date, place, combatant, kind, country, continent or coordinates',
      facets,
    )
  }
  const store = fieldNames('store', input['store'])
  const fields = fieldNames('fields', input['fields'])
  const maxBodyLength = input['maxBodyLength'] ?? defaultIndexOptions.maxBodyLength
  if (typeof maxBodyLength !== 'number' || !Number.isInteger(maxBodyLength) || maxBodyLength < 0) {
    invalid('maxBodyLength', 'a whole number ≥ 0', maxBodyLength)
  }
  return { body, boost, facets: [...new Set(facets as string[])].sort(), store, fields, maxBodyLength }
}

/** Front-matter keys that are the article itself, and keys that could reach a prototype. */
const notFieldNames: ReadonlySet<string> = new Set([
  'id',
  'title',
  'shortDescription',
  'description',
  'author',
  'img',
  'infoboxes',
  '__proto__',
  'constructor',
  'prototype',
])

/** A list of front-matter field names, unique and sorted. */
function fieldNames(option: string, value: unknown = []): string[] {
  if (
    !Array.isArray(value) ||
    !value.every((name) => typeof name === 'string' && /^[\w-]+$/.test(name) && !notFieldNames.has(name))
  ) {
    invalid(
      option,
      'a list of front-matter field names (letters, digits, "_" or "-"), not one the article itself uses (id, title, shortDescription, description, author, img, infoboxes)',
      value,
    )
  }
  return [...new Set(value as string[])].sort()
}

/** Whether `value` names a body profile. */
export function isBodyProfile(value: unknown): value is BodyProfile {
  return (bodyProfiles as readonly unknown[]).includes(value)
}

function invalid(option: string, expected: string, received: unknown): never {
  throw new OptionsError(
    'ERR_INVALID_OPTION',
    `infobox-search: option "${option}" must be ${expected}, received ${JSON.stringify(received) ?? String(received)}.`,
    { expected, received },
  )
}
