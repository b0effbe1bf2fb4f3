import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildIndex, safeParseArticle, serializeIndex, type Article } from '../../src/build.js'
import {
  OptionsError,
  escapeHtml,
  highlight,
  loadIndex,
  makeSnippet,
  normalizeTerm,
  type Snippet,
} from '../../src/index.js'
import { fcParameters } from './helpers.js'

// Every string the library hands a page as HTML is escaped: `highlight`
// escapes all of a snippet but its own <mark> tags, `escapeHtml` everything
// else. search.test.ts pins a few exact outputs; these are properties.

const unescapeHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
/** The tags `highlight` may write, with its default options. */
const markTags = /<\/?mark>/g

/** `html` has no markup but mark tags, and stripping them and unescaping gives `text` back. */
function expectSafeHighlight(html: string, text: string): void {
  expect(html.replace(markTags, '')).not.toMatch(/[<>"']/)
  expect(html.replace(markTags, '')).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39);)/)
  expect(unescapeHtml(html.replace(markTags, ''))).toBe(text)
}

describe('hostile articles render as text', () => {
  const hostile = [
    '---',
    'title: "<script>alert(1)</script> Battle of <b>Bold</b>"',
    'shortDescription: "\\"><svg onload=alert(2)>"',
    'img: "javascript:alert(3)"',
    'infoboxes:',
    '  - conflict: { text: Battle }',
    '    date: { text: "<i>1 May 1900</i>" }',
    '    place: { text: "<img src=x onerror=alert(4)>, Rome" }',
    '    combatant1: { text: "&lt;script&gt;alert(5)&lt;/script&gt;" }',
    '    combatant2: { text: "\' onmouseover=\'alert(6)" }',
    '---',
    'The battle <img src=y onerror=alert(7)> was &lt;script&gt;alert(8)&lt;/script&gt; fought',
    'near [a link](javascript:alert(9)) and ![an image](javascript:alert(10) "t") with `<code>`.',
    '',
    '<script>alert(11)</script>',
    '',
  ].join('\n')
  const result = safeParseArticle(hostile, { id: 'hostile', file: 'hostile.md' })
  const index = loadIndex(serializeIndex(buildIndex([result.article as Article])))

  test('a javascript: image URL never reaches the index', () => {
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unsafe-url'])
    expect(index.search('battle').hits[0]?.image).toBeUndefined()
  })

  test('a result card built with escapeHtml and highlight holds no markup but its own', () => {
    const result = index.search('battle alert script', { facets: ['place', 'combatant'], snippetLength: 400 })
    const [hit] = result.hits
    expect(hit).toBeDefined()
    const card = [
      `<h3>${escapeHtml(hit?.title ?? '')}</h3>`,
      `<p title="${escapeHtml(hit?.shortDescription ?? '')}">${escapeHtml(hit?.date ?? '')} · ${escapeHtml(hit?.place ?? '')}</p>`,
      `<p>${highlight(hit?.snippet ?? { text: '', ranges: [] })}</p>`,
      ...Object.values(result.facets).flatMap((counts) =>
        counts.map(
          (count) =>
            `<label data-value="${escapeHtml(count.value)}">${escapeHtml('label' in count && count.label !== undefined ? count.label : count.value)}</label>`,
        ),
      ),
    ].join('')
    // Only the tags written above, and no attribute breaks out of its quotes.
    expect(
      card.match(/<[^>]*>/g)?.filter((tag) => !/^<\/?(h3|p|mark|label)( (title|data-value)="[^"]*")?>$/.test(tag)),
    ).toEqual([])
    expect(card).not.toMatch(/<(script|img|svg|b|i)\b/i)
    expect(hit?.snippet.text).toContain('&lt;script&gt;'.replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
    expect(hit?.snippet.text).not.toContain('<img')
  })

  test('entities in the source stay text: decoded once, escaped once', () => {
    const [hit] = index.search('fought').hits
    expect(hit?.snippet.text).toContain('<script>alert(8)</script>')
    expect(highlight(hit?.snippet ?? { text: '', ranges: [] })).toContain('&lt;script&gt;alert(8)&lt;/script&gt;')
  })
})

describe('properties', () => {
  const text = fc.string({ unit: 'binary', maxLength: 200 })
  const markup = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<',
          '>',
          '&',
          '"',
          "'",
          '&amp;',
          '&lt;',
          '<mark>',
          '</mark>',
          '<script>',
          'javascript:',
          '\0',
          '\uD800',
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''))
  const anyText = fc.oneof(text, markup)

  test('escapeHtml: no markup characters left, and unescaping gives the text back', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const html = escapeHtml(value)
        expect(html).not.toMatch(/[<>"']/)
        expect(unescapeHtml(html)).toBe(value)
      }),
      fcParameters(1000),
    )
  })

  test('highlight with any whole-number ranges (overlapping, reversed, out of bounds) is safe and loses nothing', () => {
    const range = fc.tuple(fc.integer({ min: -5, max: 210 }), fc.integer({ min: -5, max: 210 }))
    fc.assert(
      fc.property(anyText, fc.array(range, { maxLength: 8 }), (value, ranges) => {
        expectSafeHighlight(highlight({ text: value, ranges }), value)
      }),
      fcParameters(1000),
    )
  })

  test.each([
    ['script'],
    ['SCRIPT'],
    ['style'],
    ['textarea'],
    ['title'],
    ['iframe'],
    ['noscript'],
    ['xmp'],
    ['plaintext'],
    ['template'],
    ['img'],
    ['a'],
    ['svg'],
    ['img src=x onerror=alert(1)'],
    [''],
  ])('highlight refuses the tag %j (script made the escaped snippet code)', (tag) => {
    expect(() => highlight({ text: 'alert(1)', ranges: [[0, 5]] }, { tag })).toThrow(
      expect.objectContaining({
        name: 'OptionsError',
        code: 'ERR_INVALID_QUERY',
        message: expect.stringContaining(`received ${JSON.stringify(tag)}.`),
      }),
    )
  })

  test.each([['mark'], ['EM'], ['span'], ['search-hit']])('highlight writes the tag %j', (tag) => {
    expect(highlight({ text: 'ab', ranges: [[0, 1]] }, { tag })).toBe(`<${tag}>a</${tag}>b`)
  })

  test('escapeHtml of an absent field is empty; of a number, its text; of an object, a typed error', () => {
    expect(escapeHtml(undefined as unknown as string)).toBe('')
    expect(escapeHtml(null as unknown as string)).toBe('')
    expect(escapeHtml(1863 as unknown as string)).toBe('1863')
    expect(() => escapeHtml({ toString: () => '<b>' } as unknown as string)).toThrow(
      expect.objectContaining({ name: 'OptionsError', message: 'infobox-search: escapeHtml takes text, received {}.' }),
    )
  })

  test('highlight of no snippet is a typed error; no options are the defaults; junk ranges are skipped', () => {
    for (const snippet of [null, undefined, 'text', { text: 'a' }, { ranges: [] }]) {
      expect(() => highlight(snippet as unknown as Snippet)).toThrow(
        expect.objectContaining({
          name: 'OptionsError',
          message: expect.stringMatching(/^infobox-search: highlight takes a snippet \{ text, ranges \}/),
        }),
      )
    }
    expect(highlight({ text: 'ab', ranges: [[0, 1]] }, null as unknown as undefined)).toBe('<mark>a</mark>b')
    const junk = [null, 5, 'x', [], [0], ['0', '1'], { 0: 0, 1: 1 }, [0, 1]] as unknown as Snippet['ranges']
    expect(highlight({ text: 'ab', ranges: junk })).toBe('<mark>a</mark>b')
    expect(() => highlight({ text: 'ab', ranges: [] }, { className: {} as unknown as string })).toThrow(OptionsError)
  })

  test('highlight with any tag and class name writes only a sanitised tag and a quoted, escaped class', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (value, tag, className) => {
        let html: string
        try {
          html = highlight({ text: value, ranges: [[0, 1]] }, { tag, className })
        } catch (error) {
          // A tag that is not a text-styling element is refused, never written.
          expect(error).toBeInstanceOf(OptionsError)
          expect(/^[a-z][a-z0-9._]*-[a-z0-9._-]*$/i.test(tag)).toBe(false)
          return
        }
        const open = html.match(/^<([a-z][a-z0-9._-]*) class="([^"]*)">/i)
        if (value.length > 0) {
          expect(open?.[1]).toBe(tag)
          expect(unescapeHtml(open?.[2] ?? '')).toBe(className)
        }
        const body = html
          .replace(/^<[a-z][a-z0-9._-]* class="[^"]*">/i, '')
          .replace(new RegExp(`</${open?.[1] ?? 'mark'}>`), '')
        expect(body).not.toMatch(/[<>"']/)
      }),
      fcParameters(500),
    )
  })

  test('any double as a range (NaN, fractions, infinities) still gives safe HTML', () => {
    const range = fc.tuple(fc.double(), fc.double())
    fc.assert(
      fc.property(anyText, fc.array(range, { maxLength: 6 }), (value, ranges) => {
        expect(highlight({ text: value, ranges }).replace(markTags, '')).not.toMatch(/[<>"']/)
      }),
      fcParameters(500),
    )
  })

  // A NaN bound used to pass every check (`start < at`, `end <= start`, `end >
  // length` are all false for NaN), so text was emitted twice: { text: 'abc',
  // ranges: [[0, 1], [NaN, 3]] } gave '<mark>a</mark><mark>abc</mark>'.
  test.each([
    [
      'a NaN start',
      [
        [0, 1],
        [Number.NaN, 3],
      ],
      '<mark>a</mark>bc',
    ],
    [
      'a NaN end',
      [
        [Number.NaN, Number.NaN],
        [1, 2],
      ],
      'a<mark>b</mark>c',
    ],
    [
      'fractions',
      [
        [0.5, 2],
        [2, 2.5],
      ],
      'abc',
    ],
    ['an infinite end', [[1, Number.POSITIVE_INFINITY]], 'abc'],
    [
      'overlapping ranges',
      [
        [0, 2],
        [1, 3],
      ],
      '<mark>ab</mark>c',
    ],
  ] as const)('highlight skips a range with %s', (_name, ranges, html) => {
    expect(highlight({ text: 'abc', ranges })).toBe(html)
    expectSafeHighlight(highlight({ text: 'abc', ranges }), 'abc')
  })

  test('makeSnippet + highlight over arbitrary text and terms found in it is safe and loses nothing', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 250 }), (value, length) => {
        const terms = new Set(
          value
            .split(/[\s\p{P}\p{S}\p{Z}]+/u)
            .map(normalizeTerm)
            .filter((term): term is string => term !== null)
            .slice(0, 4),
        )
        const snippet = makeSnippet(value, terms, length)
        expectSafeHighlight(highlight(snippet), snippet.text)
      }),
      fcParameters(1000),
    )
  })

  /** `ranges` as `Snippet` documents them: in order, not overlapping, inside the text. */
  const wellFormed = (snippet: Snippet) => {
    let at = 0
    for (const [start, end] of snippet.ranges) {
      expect(start >= at && end > start && end <= snippet.text.length, JSON.stringify(snippet)).toBe(true)
      at = end
    }
  }

  test('makeSnippet ranges are in order and inside the text for ordinary prose', () => {
    const words = fc
      .array(fc.constantFrom('battle', 'Höchstädt', 'Świecino', 'river', 'king', 'the', '—', '(1863)', 'Ł\u0301ódź'), {
        maxLength: 60,
      })
      .map((list) => list.join(' '))
    fc.assert(
      fc.property(
        words,
        fc.subarray(['battle', 'hochstadt', 'swiecino', 'river', 'lodz']),
        fc.integer({ min: 10, max: 200 }),
        (value, terms, length) => {
          wellFormed(makeSnippet(value, new Set(terms), length))
        },
      ),
      fcParameters(1000),
    )
  })

  // Former bugs (src/search/snippet.ts, `makeSnippet`), harmless for safety
  // (`highlight` skips bad ranges) but they marked the wrong letters:
  // 1. the window was `.trim()`med after the ranges were computed, so a window
  //    that starts with white space shifted every range: makeSnippet('\t\0',
  //    new Set(['\0'])) gave { text: '\0', ranges: [[1, 2]] };
  // 2. a term may end at a non-word character inside another term (ZWJ, soft
  //    hyphen: format characters are neither word characters nor
  //    separators), so ranges overlapped: makeSnippet('a\u200Db c', new
  //    Set(['a', 'a\u200Db'])) gave ranges [[0, 1], [0, 3]].
  test('a window starting with white space keeps its ranges on the matched letters', () => {
    expect(makeSnippet('\t\0', new Set(['\0']))).toEqual({ text: '\0', ranges: [[0, 1]] })
    expect(makeSnippet('\n\n  battle of the river  \n', new Set(['battle', 'river']))).toEqual({
      text: 'battle of the river',
      ranges: [
        [0, 6],
        [14, 19],
      ],
    })
    const cut = makeSnippet(`${'word '.repeat(40)}\n\n  battle`, new Set(['battle']), 20)
    expect(cut.text.slice(cut.ranges[0]?.[0], cut.ranges[0]?.[1])).toBe('battle')
  })
  test('terms that contain a format character give one range: the first, the longest on ties', () => {
    expect(makeSnippet('a\u200Db c', new Set(['a', 'a\u200Db'])).ranges).toEqual([[0, 3]])
    expect(makeSnippet('a\u200Db c', new Set(['b', 'a\u200Db'])).ranges).toEqual([[0, 3]])
    expect(makeSnippet('\0\0\0', new Set(['\0\0'])).ranges).toEqual([[0, 2]])
    expect(makeSnippet('a b', new Set(['', 'a'])).ranges).toEqual([[0, 1]])
  })

  test('makeSnippet ranges are in order and inside the text for any text and terms found in it', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 250 }), (value, length) => {
        const terms = new Set(
          value
            .split(/[\s\p{P}\p{S}\p{Z}]+/u)
            .map(normalizeTerm)
            .filter((term): term is string => term !== null)
            .slice(0, 4),
        )
        wellFormed(makeSnippet(value, terms, length))
      }),
      fcParameters(1000),
    )
  })
})
