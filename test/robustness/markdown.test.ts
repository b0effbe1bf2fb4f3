import { describe, expect, test } from 'vitest'
import {
  buildIndex,
  extractRecord,
  parseArticle,
  resolveIndexOptions,
  selectBody,
  toPlainText,
} from '../../src/build.js'
import { measure } from './helpers.js'

// Markdown that makes remark slow or deep. Bodies are bounded by
// `maxBodyLength` (2,000,000 characters) and 20,000 lines; deep nesting and
// delimiter-heavy paragraphs are defused before remark (toPlainText.ts); the
// walker is iterative. Each case must finish without a stack overflow and keep
// its words. Timings are logged, never asserted.

const options = resolveIndexOptions({ body: 'full' })
const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level${i}`).join('\n')

/** [name, body, a word that must survive into the indexed text] */
const cases: readonly (readonly [name: string, body: string, word: string])[] = [
  ['> × 10,000', `${'>'.repeat(10_000)} needle`, 'needle'],
  ['[ × 100,000', `needle ${'['.repeat(100_000)}`, 'needle'],
  ['[ × 100,000 then ] × 100,000', `needle ${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'needle'],
  ['a 1,000-level nested list', nestedList(1000), 'level999'],
  ['- × 10,000 on one line', `${'- '.repeat(10_000)}needle`, 'needle'],
  ['1. × 10,000 on one line', `${'1. '.repeat(10_000)}needle`, 'needle'],
  ['* × 100,000', `needle\n\n${'*'.repeat(100_000)}`, 'needle'],
  ['"a* " × 50,000 (unmatched emphasis)', `needle ${'a* '.repeat(50_000)}`, 'needle'],
  ['"*a " × 30,000 then * × 30,000 (nested emphasis)', `${'*a '.repeat(30_000)}needle${'*'.repeat(30_000)}`, 'needle'],
  ['"_a " × 50,000', `needle ${'_a '.repeat(50_000)}`, 'needle'],
  ['"[a](" × 20,000 (unclosed links)', `needle ${'[a]('.repeat(20_000)}`, 'needle'],
  ['"[a]" × 50,000', `needle ${'[a]'.repeat(50_000)}`, 'needle'],
  ['"`a" × 100,000', `needle ${'`a'.repeat(100_000)}`, 'needle'],
  ['< × 20,000', `needle ${'<'.repeat(20_000)}`, 'needle'],
  ['&amp; × 20,000', `needle ${'&amp;'.repeat(20_000)}`, 'needle'],
  ['"*_" × 32,000 (one run of [*_]: 64 KB took 33 s)', `needle\n\n${'*_'.repeat(32_000)}`, 'needle'],
  ['"a*_" × 20,000', `needle ${'a*_'.repeat(20_000)}`, 'needle'],
  ['a table of 100,000 rows', `| a | b |\n|---|---|\n${'| x | y |\n'.repeat(99_999)}| needle | z |\n`, 'x'],
  [
    'a table 5,000 cells wide',
    `|${' a |'.repeat(5000)}\n|${'---|'.repeat(5000)}\n|${' needle |'.repeat(5000)}\n`,
    'needle',
  ],
  ['200,000 list items (beyond 20,000 lines)', `- needle\n${'- a\n'.repeat(200_000)}`, 'needle'],
  ['3,000,000 characters (beyond maxBodyLength)', `needle ${'word '.repeat(600_000)}`, 'needle'],
]

describe('pathological Markdown is bounded', () => {
  test.each(cases)('%s', (name, body, word) => {
    const article = parseArticle(`---\ntitle: Markdown\n---\n${body}`, { id: 'md' })
    const record = measure(`markdown ${name} (${body.length} chars)`, () => extractRecord(article, options))
    expect(record.body.split(/[^\p{L}\p{N}]+/u)).toContain(word)
  })

  test('selectBody takes a section of 300,000 blocks (no spread into push: no stack overflow)', () => {
    const blocks = Array.from({ length: 300_000 }, (_, i) => `b${i}`)
    const text = selectBody({ lead: ['lead'], sections: [{ heading: 'Course', depth: 2, blocks }] }, 'full')
    expect(text.endsWith('b299999')).toBe(true)
    expect(text.split('\n\n')).toHaveLength(300_002)
  })

  test('long bodies are truncated with a warning, by characters and by lines', () => {
    const byLength = extractRecord(parseArticle(`---\ntitle: T\n---\n${'word '.repeat(500_000)}`), options)
    expect(byLength.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'body-truncated',
        'the body has 2500000 characters, more than maxBodyLength (2000000); only the first 2000000 were indexed',
      ],
    ])
    const byLines = extractRecord(parseArticle(`---\ntitle: T\n---\n${'a\n'.repeat(30_000)}`), options)
    expect(byLines.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['body-truncated', 'the body has more than 20000 lines; only the first 20000 were indexed'],
    ])
    expect(byLines.body.split(' ')).toHaveLength(20_000)
  })

  test('a defused article is still searchable, by the words around the markup', () => {
    const article = parseArticle(`---\ntitle: Defused\n---\nThe siege of ${'a* '.repeat(5000)}Rhodes.\n`, {
      id: 'defused',
    })
    expect(buildIndex([article]).search('rhodes').hits[0]?.id).toBe('defused')
  })
})

describe('Markdown too dense in costly markup is refused, never parsed', () => {
  test.each([
    ['<b> × 700,000 (16 s and 1.6 GB)', '<b>'.repeat(700_000)],
    ['&amp; × 400,000 (9.7 s and 1.5 GB)', '&amp;'.repeat(400_000)],
    ['<a> × 20,001', '<a>'.repeat(20_001)],
    ['\\* × 20,001 (escapes)', '\\*'.repeat(20_001)],
    ['<http://a> × 50,000', '<http://a> '.repeat(50_000)],
  ])('%s: ERR_OVER_BUDGET from toPlainText, extractRecord and buildIndex', (_name, body) => {
    const over = expect.objectContaining({ name: 'InfoboxSearchError', code: 'ERR_OVER_BUDGET' })
    expect(() => toPlainText(body)).toThrow(over)
    const article = parseArticle(`---\ntitle: Dense\n---\n${body}`, { id: 'dense' })
    expect(() => extractRecord(article, options)).toThrow(over)
    expect(() => buildIndex([article])).toThrow(over)
  })

  test(`20,000 of them are parsed; with the lead profile only the lead counts`, () => {
    expect(toPlainText(`${'&amp;'.repeat(20_000)}`).lead[0]).toHaveLength(20_000)
    const lead = parseArticle(`---\ntitle: Lead\n---\nA lead.\n\n## Notes\n\n${'<b>'.repeat(30_000)}`, { id: 'lead' })
    expect(extractRecord(lead, resolveIndexOptions({ body: 'lead' })).body).toBe('A lead.')
  })
})

describe('defusing leaves ordinary Markdown alone', () => {
  test.each([
    [
      'emphasis, links, code, HTML, entities',
      'A *b* __c__ [d](e) `f` ![g](h) <i>j</i> &amp; k\\*l',
      ['A b c d f g j & k*l'],
    ],
    ['lists and quotes', '- a\n  - b\n    - c\n\n> d\n> > e\n\n1. f\n2) g', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    ['16 nested lists', nestedList(16), Array.from({ length: 16 }, (_, i) => `level${i}`)],
    [
      '1,000 list items with emphasis (each item is its own paragraph)',
      Array.from({ length: 1000 }, (_, i) => `- *item* _${i}_ [x](y)`).join('\n'),
      Array.from({ length: 1000 }, (_, i) => `item ${i} x`),
    ],
    ['1,000 stars that emphasise nothing, in one paragraph', 'x * '.repeat(1000).trim(), ['x * '.repeat(1000).trim()]],
  ])('%s', (_name, markdown, lead) => {
    expect(toPlainText(markdown)).toEqual({ lead, sections: [] })
  })
})

describe('past the limits, every word stays', () => {
  test('the prefix of a line nested deeper than 32 characters is read as text', () => {
    const { lead } = toPlainText(nestedList(40))
    expect(lead.slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, i) => `level${i}`))
    expect(lead[15]).toBe(['level15', ...Array.from({ length: 24 }, (_, i) => `- level${i + 16}`)].join(' '))
  })

  test('more than 1,000 runs of one delimiter in a paragraph become spaces', () => {
    expect(toPlainText('x * '.repeat(1001).trim()).lead).toEqual([Array(1001).fill('x').join(' ')])
    expect(toPlainText(`${'[a] '.repeat(1001)}end`).lead).toEqual([
      `${' a '.repeat(1001).replace(/\s+/g, ' ').trim()} end`,
    ])
  })

  test('more than 1,000 runs of * or of _ become spaces, counted apart (alternating *_*_ was one run)', () => {
    expect(toPlainText(`x${'*_'.repeat(1001)}y`).lead).toEqual(['x y'])
    expect(toPlainText(`*a* ${'_'.repeat(1)}b_ ${'*_ '.repeat(10)}`).lead).toEqual([`a b ${'*_ '.repeat(10).trim()}`])
  })

  test('fenced code keeps its characters', () => {
    const { lead } = toPlainText(`\`\`\`\n${'* '.repeat(2000)}\n\`\`\``)
    expect(lead[0]?.replace(/[^*]/g, '')).toHaveLength(2000)
  })
})
