import type { Nodes, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

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

/** Node types whose text ends a block: their text never runs into the next one. */
const blockTypes: ReadonlySet<string> = new Set([
  'paragraph', 'heading', 'listItem', 'tableCell', 'code', 'blockquote', 'thematicBreak', 'definition', 'footnoteDefinition',
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
  return splitSections(parser.parse(markdown))
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
    target.push(...blocksOf(node))
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
