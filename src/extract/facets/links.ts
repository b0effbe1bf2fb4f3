import type { Link } from '../../parse/article.js'
import { cleanValue, containsFlag, matchKey } from './clean.js'

/** Words kept lower-case when a lower-cased page title is title-cased again. */
const minorWords: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'at',
  'de',
  'del',
  'der',
  'des',
  'di',
  'du',
  'for',
  'in',
  'la',
  'le',
  'of',
  'on',
  'or',
  'the',
  'to',
  'und',
  'upon',
  'van',
  'von',
  'y',
])

/** Whether a link can name a facet value at all: external links (URLs) cannot. */
export function isValueLink(link: Link): boolean {
  return link.type !== 'external'
}

/**
 * Whether a link is a flag icon: its text is only a flag emoji (`🇩🇰` → page
 * `denmark`). Flag icons decorate the entity written after them.
 */
export function isFlagIcon(link: Link): boolean {
  return link.text !== undefined && containsFlag(link.text) && cleanValue(link.text) === undefined
}

/**
 * The canonical facet value a link names: its page title, or its cleaned text
 * when the page is missing or the literal `undefined`. Page titles the
 * converter lower-cased entirely (`united states`) get their capitals back,
 * from the link text when it spells the same name, else by title case.
 */
export function canonicalName(link: Link): string | undefined {
  const page = cleanValue(link.page)
  const text = cleanValue(link.text)
  if (page === undefined) return text
  if (/\p{Lu}/u.test(page) || !/\p{Ll}/u.test(page)) return page
  return text !== undefined && /^\p{Lu}/u.test(text) && matchKey(text) === matchKey(page) ? text : titleCase(page)
}

/** The link as written: its cleaned text, else its canonical name. */
export function linkDisplay(link: Link): string | undefined {
  return cleanValue(link.text) ?? canonicalName(link)
}

/**
 * Keys a line may equal to match this link: the text, the page, and the page
 * without its qualifier (`Marathon, Greece` → `marathon`, `Hippias (tyrant)`
 * → `hippias`). Empty keys are left out.
 */
export function linkKeys(link: Link): readonly string[] {
  const page = link.page === undefined ? '' : link.page
  const base = page.replace(/\s*\([^)]*\)\s*$/, '').replace(/,.*$/, '')
  const keys = [matchKey(link.text), matchKey(page), matchKey(base)].filter((key) => key !== '')
  return [...new Set(keys)]
}

function titleCase(name: string): string {
  return name
    .split(' ')
    .map((word, index) =>
      index > 0 && minorWords.has(word)
        ? word
        : word.replace(/(^|-)(\p{Ll})/gu, (_, dash: string, letter: string) => dash + letter.toUpperCase()),
    )
    .join(' ')
}
