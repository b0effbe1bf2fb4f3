import type { Nodes, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { InfoboxSearchError } from '../core/errors.js'

/** One `##` (or deeper) section of an article body, as plain text. */
export interface PlainSection {
  readonly heading: string
  readonly depth: number
  /** Paragraphs, list items, table rows, quotes: one entry per block. */
  readonly blocks: readonly string[]
}

/** An article body as plain text, split at headings. */
export interface PlainText {
  /** Blocks before the first heading. */
  readonly lead: readonly string[]
  readonly sections: readonly PlainSection[]
}

/** Frozen, so it holds no state between calls. */
const parser = unified().use(remarkParse).freeze()

/**
 * Deepest container prefix read per line, in characters of indentation, `>`
 * and list markers (32 allows 16 nested lists or 32 quotes); the rest of a
 * deeper prefix is read as text. micromark's work grows with depth × lines,
 * so a 1,000-level list would take minutes.
 */
const maxPrefixLength = 32

/**
 * Runs of one kind of inline delimiter (`*`/`_`, `[`/`]`, backticks) allowed
 * in one paragraph. micromark matches them by scanning back over the whole
 * paragraph, so `a* ` × 50,000 takes minutes; past this many they become
 * spaces. Each of them separates index terms anyway, so the terms stay the
 * same. The corpus peaks at about 120 runs per paragraph.
 */
const maxDelimiterRuns = 1000

/** Indentation, `>` and list markers at the start of a line. Linear: one pass, no backtracking. */
const containerPrefix = /^(?:[ \t>]|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))*/
const listMarker = /[*+\-.)](?=[ \t]|$)/
/**
 * Inline delimiter kinds, as sources: each use makes its own (stateful, global) pattern.
 * `*` and `_` are counted apart: micromark sees `*_*_…` as one run per character, and
 * read as a single kind they were one run (40 KB of them took 11.6 s, 64 KB 33 s).
 */
const delimiterKinds = ['\\*+', '_+', '[[\\]]', '`+'] as const

/**
 * Most `<`, `&` and `\` characters a body may have: each may open an HTML tag, an autolink, a
 * character reference or an escape, which cost micromark about a thousand times a letter (2 MB
 * of `<b>` took 16 s and 1.6 GB; 20,000 of them take about 0.6 s and 70 MB). The corpus peaks at
 * 1,408. A body with more is refused (`ERR_OVER_BUDGET`): the article is skipped, not parsed.
 */
export const maxCostlyMarkup = 20_000

/** Node types whose text ends a block: their text never runs into the next one. */
const blockTypes: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'listItem',
  'tableCell',
  'code',
  'blockquote',
  'thematicBreak',
  'definition',
  'footnoteDefinition',
])

/**
 * Markdown → plain text, block by block. A per-node walker (iterative, so a
 * deeply nested document cannot overflow the stack) keeps every block
 * separate: "Battle" and "On the night" never become "BattleOn". Raw HTML is
 * dropped; entities are decoded to text (never re-emitted as markup).
 *
 * @example
 * toPlainText('Lead.\n\n## Battle\nOn the night…').sections[0]?.heading // 'Battle'
 */
export function toPlainText(markdown: string): PlainText {
  checkMarkupBudget(markdown)
  return splitSections(parser.parse(defuse(markdown)))
}

/**
 * Refuse Markdown too dense in costly markup to parse in bounded time and memory (see `maxCostlyMarkup`).
 * @throws {InfoboxSearchError} `ERR_OVER_BUDGET`.
 */
function checkMarkupBudget(markdown: string): void {
  let count = 0
  for (let at = 0; at < markdown.length; at++) {
    const unit = markdown.charCodeAt(at)
    // `<`, `&`, `\`
    if ((unit === 0x3c || unit === 0x26 || unit === 0x5c) && ++count > maxCostlyMarkup) {
      throw new InfoboxSearchError(
        'ERR_OVER_BUDGET',
        `infobox-search: the body has more than ${maxCostlyMarkup.toLocaleString('en')} "<", "&" and "\\" characters (HTML tags, entities, escapes), more than Markdown is parsed with in bounded time and memory`,
      )
    }
  }
}

/**
 * Keep remark linear on hostile Markdown: lines nested deeper than
 * `maxPrefixLength` keep the rest of their prefix as text, and in a paragraph
 * (up to a blank line or the next list item) with more than
 * `maxDelimiterRuns` runs of one delimiter kind, that kind becomes spaces.
 * Real articles reach neither limit and come back unchanged (the fast path).
 */
function defuse(markdown: string): string {
  const tooMany = (pattern: string, text: string): boolean => {
    let runs = 0
    for (const _run of text.matchAll(new RegExp(pattern, 'g'))) if (++runs > maxDelimiterRuns) return true
    return false
  }
  const lines = markdown.split('\n')
  const prefixes = lines.map((line) => containerPrefix.exec(line)?.[0] ?? '')
  if (
    !prefixes.some((prefix) => prefix.length > maxPrefixLength) &&
    !delimiterKinds.some((kind) => tooMany(kind, markdown))
  )
    return markdown
  let start = 0
  for (let end = 0; end <= lines.length; end++) {
    const line = lines[end]
    const blank = line !== undefined && line.trim() === ''
    if (line !== undefined && !blank && (end === start || !listMarker.test(prefixes[end] ?? ''))) continue
    // Lines start…end - 1 are one paragraph (or list item): defuse it.
    const contents = lines.slice(start, end).map((text, i) => text.slice(prefixes[start + i]?.length))
    const text = contents.join('\n')
    const escaped = delimiterKinds.filter((kind) => tooMany(kind, text))
    for (let i = start; i < end; i++) {
      const prefix = prefixes[i] ?? ''
      let content = contents[i - start] ?? ''
      for (const kind of escaped) content = content.replace(new RegExp(kind, 'g'), (run) => ' '.repeat(run.length))
      if (prefix.length <= maxPrefixLength) {
        lines[i] = prefix + content
        continue
      }
      // Past the limit the prefix is text (spaces collapsed): its first marker is escaped, so it opens no container.
      const kept = prefix.slice(0, maxPrefixLength).replace(/[^ \t>]+$/, '')
      lines[i] =
        kept + (prefix.slice(kept.length).replace(/[ \t]+/g, ' ') + content).replace(/^( ?\d*)([>*+.)-])/, '$1\\$2')
    }
    start = blank ? end + 1 : end
  }
  return lines.join('\n')
}

function splitSections(root: Root): PlainText {
  const lead: string[] = []
  const sections: { heading: string; depth: number; blocks: string[] }[] = []
  for (const node of root.children) {
    if (node.type === 'heading') {
      sections.push({ heading: blocksOf(node).join(' '), depth: node.depth, blocks: [] })
      continue
    }
    const target = sections.at(-1)?.blocks ?? lead
    // One push per block: spreading 200,000 list items into `push` overflows the stack.
    for (const block of blocksOf(node)) target.push(block)
  }
  return { lead, sections }
}

/** The text blocks inside one node, in document order. */
function blocksOf(start: Nodes): string[] {
  const blocks: string[] = []
  let current = ''
  // Iterative pre-order walk; `null` marks the end of a block.
  const stack: (Nodes | null)[] = [start]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === undefined) break
    if (node === null) {
      current = flush(blocks, current)
      continue
    }
    if (blockTypes.has(node.type)) {
      current = flush(blocks, current)
      stack.push(null)
    }
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
        current += node.value
        break
      case 'image':
      case 'imageReference':
        current += node.alt ?? ''
        break
      case 'break':
        current += ' '
        break
      case 'html':
        current += ' '
        break
      default:
        if ('children' in node) {
          for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes)
        }
    }
  }
  flush(blocks, current)
  return blocks
}

function flush(blocks: string[], text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean !== '') blocks.push(clean)
  return ''
}
