import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  buildIndex,
  extractRecord,
  parseArticle,
  readArticleFile,
  resolveIndexOptions,
  safeParseArticle,
  serializeIndex,
  type Article,
} from '../../src/build.js'
import { loadIndex } from '../../src/index.js'
import { fcParameters, goodArticle, measure, prototypeKeys } from './helpers.js'

// Every bad article yields an error diagnostic naming its file; every good
// one beside it is indexed. parse.test.ts pins the exact messages of the
// front-matter refusals; here they meet good articles in one build.

const deepBlockMapping = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1'
const aliasBomb = [
  'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
].join('\n')

/** Each of these must be refused with its code. */
const badArticles: readonly (readonly [file: string, code: string, text: string])[] = [
  ['missing.md', 'front-matter-missing', 'Just a body, no front matter.\n'],
  ['empty.md', 'front-matter-missing', ''],
  ['line-two.md', 'front-matter-missing', `\n${goodArticle('Linetwo')}`],
  ['unclosed.md', 'front-matter-unclosed', '---\ntitle: Never closed\n\nBody text.\n'],
  ['malformed.md', 'front-matter-yaml', '---\ntitle: [unclosed\n---\n'],
  ['tabs.md', 'front-matter-yaml', '---\ninfoboxes:\n\t- date: { text: 1900 }\n---\n'],
  ['duplicate.md', 'front-matter-yaml', '---\ntitle: A\ntitle: B\n---\n'],
  ['list.md', 'front-matter-not-mapping', '---\n- a\n- b\n---\n'],
  ['scalar.md', 'front-matter-not-mapping', '---\n42\n---\n'],
  ['js.md', 'front-matter-language', '---js\n{ title: (globalThis.pwned = 1) }\n---\n'],
  ['javascript.md', 'front-matter-language', '---javascript\nglobalThis.pwned = 1\n---\n'],
  ['coffee.md', 'front-matter-language', '---coffee\nglobalThis.pwned = 1\n---\n'],
  ['constructor.md', 'front-matter-language', '---constructor\ntitle: x\n---\n'],
  ['tostring.md', 'front-matter-language', '---toString\ntitle: x\n---\n'],
  ['proto.md', 'front-matter-language', '---__proto__\ntitle: x\n---\n'],
  ['alias-bomb.md', 'front-matter-yaml', `---\n${aliasBomb}\n---\n`],
  ['deep-flow.md', 'front-matter-yaml', `---\ntitle: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`],
  ['deep-block.md', 'front-matter-yaml', `---\n${deepBlockMapping}\n---\n`],
]

/** Odd but usable: each must be indexed, with these warnings. */
const goodArticles: readonly (readonly [file: string, warnings: readonly string[], text: string])[] = [
  ['plain.md', [], goodArticle('Plainfield')],
  ['crlf.md', [], goodArticle('Crlfton').replace(/\n/g, '\r\n')],
  ['cr.md', [], goodArticle('Crville').replace(/\n/g, '\r')],
  ['bom.md', [], `\uFEFF${goodArticle('Bomburg')}`],
  ['nul.md', [], goodArticle('Nulberg').replace('was fought', 'was\0fought')],
  ['surrogates.md', [], goodArticle('Surrogatia').replace('was fought', 'was \uD800 fought \uDC00')],
  ['cycle.md', ['field-type'], goodArticle('Cyclopolis', '    result: &r { text: *r }')],
  ['number-title.md', [], goodArticle('Numberton').replace(/^title: .*$/m, 'title: 1812')],
  [
    'wrong-types.md',
    ['field-type', 'field-type', 'field-type'],
    goodArticle('Wrongtypia', '    partof: [a, b]\n    result: { text: [won], links: oops }'),
  ],
]

describe('a build over good and bad articles', () => {
  const results = [...badArticles, ...goodArticles].map(([file, , text]) => ({
    file,
    result: safeParseArticle(text, { file }),
  }))

  test.each(badArticles)('%s is refused with %s, naming the file', (file, code) => {
    const { result } = results.find((r) => r.file === file)!
    expect(result.success).toBe(false)
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code, file })
    expect(result.diagnostics[0]?.message).toMatch(
      new RegExp(`^Cannot read article in ${file.replace('.', '\\.')}: .+\\.$`),
    )
  })

  test('deep nesting is named as such, not as a stack overflow', () => {
    for (const file of ['deep-flow.md', 'deep-block.md']) {
      expect(results.find((r) => r.file === file)?.result.diagnostics[0]?.message).toMatch(/nested too deeply\.$/)
    }
  })

  test.each(goodArticles)('%s parses, with warnings %j', (file, codes) => {
    const { result } = results.find((r) => r.file === file)!
    expect(result.success).toBe(true)
    expect(result.diagnostics.map((d) => d.code)).toEqual(codes)
    expect(result.diagnostics.every((d) => d.severity === 'warning' && d.file === file)).toBe(true)
  })

  test('every good article is indexed and found; nothing was evaluated', () => {
    const articles = results.flatMap(({ result }) => (result.success ? [result.article] : []))
    expect(articles).toHaveLength(goodArticles.length)
    const index = loadIndex(serializeIndex(buildIndex(articles)))
    expect(index.documentCount).toBe(goodArticles.length)
    for (const marker of [
      'Plainfield',
      'Crlfton',
      'Crville',
      'Bomburg',
      'Nulberg',
      'Surrogatia',
      'Cyclopolis',
      'Numberton',
      'Wrongtypia',
    ]) {
      expect(index.search(marker).hits.map((hit) => hit.title)).toContain(
        marker === 'Numberton' ? '1812' : `Battle of ${marker}`,
      )
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined()
    expect(prototypeKeys()).toEqual([])
  })

  test('text is normalised: CR and CRLF become LF, NUL and lone surrogates U+FFFD', () => {
    const body = (file: string) => results.find((r) => r.file === file)?.result.article?.body
    expect(body('crlf.md')).toBe('\nThe battle near Crlfton was fought.\n')
    expect(body('cr.md')).toBe('\nThe battle near Crville was fought.\n')
    expect(body('nul.md')).toContain('was\uFFFDfought')
    expect(body('surrogates.md')).toContain('was \uFFFD fought \uFFFD')
  })
})

describe('fields of the wrong type are warnings, never errors', () => {
  test.each([
    ['infoboxes is a number', 'infoboxes: 5', { infoboxes: [] }, ['field-type']],
    ['an infobox is a number', 'infoboxes: [5]', { infoboxes: [] }, ['field-type']],
    ['an infobox is null or a list', 'infoboxes: [null, [1, 2]]', { infoboxes: [] }, ['field-type', 'field-type']],
    ['a field is a list', 'infoboxes: [{ date: [1, 2] }]', { infoboxes: [{}] }, ['field-type']],
    ['a field text is a list', 'infoboxes: [{ place: { text: [Rome] } }]', { infoboxes: [{}] }, ['field-type']],
    [
      'a field text is a mapping, its links still count',
      'infoboxes: [{ place: { text: { a: 1 }, links: [{ page: Rome }] } }]',
      { infoboxes: [{ place: { text: '', links: [{ type: 'internal', page: 'Rome' }] } }] },
      ['field-type'],
    ],
    [
      'links that are not mappings',
      'infoboxes: [{ place: { text: Rome, links: [Rome, 5, null] } }]',
      { infoboxes: [{ place: { text: 'Rome', links: [] } }] },
      ['field-type', 'field-type'],
    ],
    ['description is a list', 'description: [a, b]', { description: null }, ['field-type']],
    ['shortDescription is a mapping', 'shortDescription: { a: 1 }', { shortDescription: null }, ['field-type']],
    ['id is a list', 'id: [a]', { id: 'given' }, ['field-type']],
    ['a javascript: image', 'img: "javascript:alert(1)"', { image: null }, ['unsafe-url']],
    ['a javascript: image hidden by a tab and case', 'img: "JaVa\\tScRiPt:alert(1)"', { image: null }, ['unsafe-url']],
    ['a data: image', 'img: "data:text/html,<script>alert(1)</script>"', { image: null }, ['unsafe-url']],
    [
      'an https image',
      'img: "https://upload.wikimedia.org/a.svg"',
      { image: 'https://upload.wikimedia.org/a.svg' },
      [],
    ],
    ['a relative image', 'img: images/a.png', { image: 'images/a.png' }, []],
  ])('%s', (_name, yaml, expected, codes) => {
    const result = safeParseArticle(`---\ntitle: T\n${yaml}\n---\nBody.`, { id: 'given', file: 'types.md' })
    expect(result.success).toBe(true)
    const article = result.article as unknown as Record<string, unknown>
    for (const [key, value] of Object.entries(expected))
      expect(JSON.parse(JSON.stringify(article[key] ?? null))).toEqual(value)
    expect(result.diagnostics.map((d) => d.code)).toEqual(codes)
    expect(buildIndex([result.article as Article]).documentCount).toBe(1)
  })
})

describe('__proto__, constructor and prototype', () => {
  const text = [
    '---',
    'title: Prototypes',
    '__proto__: { polluted: top }',
    'constructor: { prototype: { polluted: top } }',
    'prototype: { polluted: top }',
    'infoboxes:',
    '  __proto__: [{ polluted: infoboxes }]',
    '---',
    '',
  ].join('\n')
  const nested = [
    '---',
    'title: Nested prototypes',
    'infoboxes:',
    '  - __proto__: { text: infobox }',
    '    constructor: { text: infobox }',
    '    prototype: { text: infobox }',
    '    place:',
    '      __proto__: { polluted: field }',
    '      constructor: { prototype: { polluted: field } }',
    '      text: "__proto__, constructor, prototype"',
    '      links:',
    '        - { __proto__: { polluted: link }, constructor: { polluted: link }, prototype: x, type: internal, page: __proto__ }',
    '        - { type: internal, page: constructor, text: prototype }',
    '    combatant1: { text: "* prototype\\n* constructor" }',
    '    partof: { text: __proto__ }',
    '---',
    'The toString valueOf hasOwnProperty battle.',
  ].join('\n')

  test('as keys at every level: dropped or inert, and no prototype changes', () => {
    const top = safeParseArticle(text, { file: 'top.md' })
    expect(top.article?.infoboxes).toEqual([])
    const deep = safeParseArticle(nested, { file: 'nested.md' })
    const infobox = deep.article?.infoboxes[0]
    expect(Object.getPrototypeOf(infobox)).toBeNull()
    expect(Object.keys(infobox ?? {})).toEqual(['place', 'combatant1', 'partof'])
    expect(infobox?.['place']?.links).toEqual([
      { type: 'internal', page: '__proto__' },
      { type: 'internal', page: 'constructor', text: 'prototype' },
    ])
    expect(deep.diagnostics.map((d) => d.code)).toEqual(['unsafe-key', 'unsafe-key', 'unsafe-key'])
    expect(prototypeKeys()).toEqual([])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  test('as values: facets, serialization and loading keep them as plain data', () => {
    const article = safeParseArticle(nested, { file: 'nested.md', id: 'nested' }).article as Article
    const built = buildIndex(
      [article, safeParseArticle(goodArticle('Plainfield'), { id: 'plain' }).article as Article],
      { facets: ['partof'] },
    )
    const index = loadIndex(serializeIndex(built))
    const result = index.search('', {
      facets: { place: { limit: 50 }, combatant: { limit: 50 }, partof: {} },
      filters: { place: ['__proto__'] },
    })
    expect(result.hits.map((hit) => hit.id)).toEqual(['nested'])
    const values = (name: 'place' | 'combatant' | 'partof') => result.facets[name].map((count) => count.value).sort()
    expect(values('place')).toContain('__proto__')
    expect(values('combatant')).toEqual(['constructor', 'prototype'])
    expect(values('partof')).toEqual(['__proto__'])
    expect(index.search('tostring valueof hasownproperty').hits[0]?.id).toBe('nested')
    expect(prototypeKeys()).toEqual([])
  })
})

describe('big and deep inputs finish', () => {
  test('a 50 MB infobox field is read and indexed', () => {
    const field = `needle ${'x'.repeat(50_000_000)}`
    const text = `---\ntitle: Big field\ninfoboxes:\n  - conflict: { text: Big }\n    result: |\n      ${field}\n---\nBody.\n`
    const result = measure('50 MB infobox field: parse', () => safeParseArticle(text, { file: 'big.md', id: 'big' }))
    expect(result.success).toBe(true)
    const index = measure('50 MB infobox field: build', () => buildIndex([result.article as Article]))
    expect(index.search('needle').hits[0]?.id).toBe('big')
  })

  test('a cyclic alias in an infobox is bounded', () => {
    const result = safeParseArticle('---\ntitle: Loop\ninfoboxes: &a\n  - place: *a\n    date: { text: 1900 }\n---\n', {
      file: 'loop.md',
    })
    expect(result.article?.infoboxes).toEqual([{ date: { text: '1900', links: [] } }])
    expect(result.diagnostics.map((d) => d.code)).toEqual(['field-type'])
  })
})

describe('files: encodings, binary and unreadable paths (readArticleFile)', () => {
  let dir = ''
  const utf8 = (text: string) => new TextEncoder().encode(text)
  /** UTF-16 LE with a byte-order mark, code unit by code unit (so lone surrogates survive). */
  const utf16le = (text: string) => {
    const view = new DataView(new ArrayBuffer(2 * text.length + 2))
    view.setUint16(0, 0xfeff, true)
    for (let i = 0; i < text.length; i++) view.setUint16(2 * i + 2, text.charCodeAt(i), true)
    return new Uint8Array(view.buffer)
  }
  const swap = (bytes: Uint8Array) => bytes.map((_, i) => bytes[i ^ 1] ?? 0)
  let seed = 7
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed & 0xff)
  const pngHeader = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6,
    0, 0, 0,
  ]
  const png = new Uint8Array([...pngHeader, ...Array.from({ length: 4000 }, random)])
  const invalidUtf8 = new Uint8Array([
    ...utf8(goodArticle('Badbytes').replace('was fought', 'was')),
    0xc3,
    0x28,
    0xff,
    0xfe,
    ...utf8(' fought.\n'),
  ])

  /** [name, bytes, outcome]: an array of warning codes for an article, or the error code(s) it may get. */
  const files: readonly (readonly [string, Uint8Array, readonly string[] | string])[] = [
    ['utf8.md', utf8(goodArticle('Utfeight')), []],
    ['utf8-bom.md', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(goodArticle('Bomutf'))]), []],
    ['utf16le.md', utf16le(goodArticle('Littleendian')), []],
    ['utf16be.md', swap(utf16le(goodArticle('Bigendian'))), []],
    ['utf16-lone-surrogate.md', utf16le(goodArticle('Lonesurrogate').replace('was fought', 'was \uD800 fought')), []],
    ['invalid-utf8.md', invalidUtf8, ['encoding']],
    ['nul-bytes.md', utf8(goodArticle('Nulbytes').replace('was fought', 'was\0\0fought')), []],
    ['crlf.md', utf8(goodArticle('Crlfbytes').replace(/\n/g, '\r\n')), []],
    ['cr.md', utf8(goodArticle('Crbytes').replace(/\n/g, '\r')), []],
    ['nfd.md', utf8(goodArticle('Moha\u0301cs')), []],
    ['empty.md', new Uint8Array(), 'front-matter-missing'],
    ['tiny.png.md', new Uint8Array(pngHeader), 'binary-file'],
    // Compressed image data has few NUL bytes, but many other control bytes.
    ['image.png.md', png, 'binary-file'],
    ['gzip.md', new Uint8Array([0x1f, 0x8b, 8, 0, ...Array.from({ length: 3000 }, random)]), 'binary-file'],
    ['ansi-colours.md', utf8(goodArticle('Escapes').replace('was fought', 'was \x1b[1mfought\x1b[0m')), []],
    ['utf16-garbage.md', new Uint8Array([0xff, 0xfe, ...Array.from({ length: 501 }, random)]), 'front-matter-missing'],
  ]

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'infobox-search-robustness-'))
    for (const [name, bytes] of files) await writeFile(join(dir, name), bytes)
    await mkdir(join(dir, 'a-directory.md'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('each file gives an article or an error naming it; the good ones are all indexed', async () => {
    const articles: Article[] = []
    for (const [name, , outcome] of files) {
      const path = join(dir, name)
      const result = await readArticleFile({ path, id: name })
      expect(result.file).toBe(path)
      if (typeof outcome === 'string') {
        expect(result.article).toBeUndefined()
        const errors = result.diagnostics.filter((d) => d.severity === 'error')
        expect(errors).toEqual([expect.objectContaining({ file: path })])
        expect(outcome.split('|')).toContain(errors[0]?.code)
        expect(errors[0]?.message).toContain(path)
      } else {
        expect(result.diagnostics.map((d) => d.code)).toEqual(outcome)
        expect(result.article).toBeDefined()
        articles.push(result.article as Article)
      }
    }
    const index = buildIndex(articles)
    expect(articles.map((article) => article.id)).toEqual(
      files.filter(([, , outcome]) => typeof outcome !== 'string').map(([name]) => name),
    )
    for (const marker of [
      'Utfeight',
      'Bomutf',
      'Littleendian',
      'Bigendian',
      'Lonesurrogate',
      'Badbytes',
      'Nulbytes',
      'Crlfbytes',
      'Crbytes',
      'Mohacs',
    ]) {
      expect(index.search(marker).hits[0]?.title.normalize('NFKD').replace(/\p{M}/gu, '')).toBe(`Battle of ${marker}`)
    }
    expect(articles.find((a) => a.id === 'utf16-lone-surrogate.md')?.body).toContain('was \uFFFD fought')
    expect(articles.find((a) => a.id === 'invalid-utf8.md')?.body).toContain('\uFFFD')
  })

  test.each([
    ['a directory', 'a-directory.md', /^Cannot read article in .*a-directory\.md: cannot read the file \(EISDIR\)\.$/],
    ['a missing file', 'missing.md', /^Cannot read article in .*missing\.md: cannot read the file \(ENOENT\)\.$/],
  ])('%s is an "unreadable" error naming it', async (_name, file, message) => {
    const result = await readArticleFile({ path: join(dir, file), id: file })
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unreadable', file: join(dir, file) }),
    ])
    expect(result.diagnostics[0]?.message).toMatch(message)
  })
})

describe('NFC and NFD spellings match each other', () => {
  const nfd = safeParseArticle(
    goodArticle('Ho\u0308chsta\u0308dt').replace('was fought', 'was fought by Wl\u0301adysl\u0301aw'),
    { id: 'nfd' },
  ).article as Article
  const nfc = safeParseArticle(goodArticle('\u015Awiecino').replace('was fought', 'was fought at Moh\u00E1cs'), {
    id: 'nfc',
  }).article as Article
  const index = loadIndex(serializeIndex(buildIndex([nfd, nfc])))

  test.each([
    ['an NFD article, queried in NFC', 'H\u00F6chst\u00E4dt', 'nfd'],
    ['an NFD article, queried in NFD', 'Ho\u0308chsta\u0308dt', 'nfd'],
    ['an NFD article, queried folded', 'hochstadt', 'nfd'],
    ['an NFC article, queried in NFD', 'S\u0301wiecino', 'nfc'],
    ['an NFC article, queried in NFD (body)', 'Moha\u0301cs', 'nfc'],
    ['an NFC article, queried in NFC', '\u015Awiecino', 'nfc'],
  ])('%s', (_name, query, id) => {
    const [hit] = index.search(query).hits
    expect(hit?.id).toBe(id)
  })

  test('the snippet of an NFD body marks the whole word', () => {
    const [hit] = index.search('H\u00F6chst\u00E4dt').hits
    const [range] = hit?.snippet.ranges ?? []
    expect(hit?.snippet.text.slice(...(range ?? [0, 0]))).toBe('H\u00F6chst\u00E4dt')
  })
})

describe('properties', () => {
  const options = resolveIndexOptions({ body: 'full' })
  /** Parsing returns an article or one error diagnostic, and a parsed article always extracts and builds. */
  const neverThrows = (text: string) => {
    const result = safeParseArticle(text, { file: 'fuzz.md' })
    if (result.success) {
      extractRecord(result.article, options)
      expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true)
    } else {
      expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'fuzz.md' })])
    }
  }

  test('safeParseArticle on arbitrary text returns an article or an error diagnostic', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), neverThrows), fcParameters(1000))
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }).map((yaml) => `---\n${yaml}\n---\nbody`),
        neverThrows,
      ),
      fcParameters(1000),
    )
  })

  const valid = [
    '---',
    'title: Battle of Fuzz',
    'shortDescription: A battle',
    'img: https://example.org/a.png',
    'infoboxes:',
    '  - conflict: { text: Battle of Fuzz }',
    '    date:',
    '      text: 1 May 1900 – 3 May 1900',
    '    place:',
    '      text: Rome, Italy',
    '      links:',
    '        - { type: internal, page: Rome }',
    '    combatant1: { text: "* Rome\\n* Allies" }',
    '    combatant2:',
    '      text: |-',
    '        Carthage',
    '        Supported by:',
    '---',
    '',
    'The **battle** was [fought](https://example.org) near *Rome*.',
    '',
    '## Aftermath',
    '- peace',
    '- > quoted',
    '',
  ].join('\n')
  const edits = fc.array(
    fc.tuple(
      fc.nat(),
      fc.boolean(),
      fc.constantFrom(
        ':',
        '-',
        '\n',
        '&',
        '*',
        '[',
        ']',
        '{',
        '}',
        '\t',
        ' ',
        '|',
        '>',
        '!',
        '"',
        "'",
        '#',
        '%',
        '`',
        ',',
        '?',
        '---\n',
        '&a ',
        '*a',
        '<<: ',
        '\r',
        '\0',
        '\uD800',
        '\uFEFF',
      ),
    ),
    { maxLength: 12 },
  )
  const mutated = edits.map((list) => {
    let text = valid
    for (const [at, insert, piece] of list) {
      const i = at % (text.length + 1)
      text = insert ? text.slice(0, i) + piece + text.slice(i) : text.slice(0, i) + text.slice(i + 1)
    }
    return text
  })

  test('safeParseArticle on mutations of a valid article returns an article or an error diagnostic', () => {
    fc.assert(fc.property(mutated, neverThrows), fcParameters(1000))
  })
})

describe('text from YAML escapes is normalised like raw text', () => {
  test('"\\0", "\\ud800", "\\udc00" and "\\r\\n" in titles, ids, fields, field names and links become U+FFFD and LF', () => {
    const text = [
      '---',
      'title: "Battle\\0of\\ud800 Nul"',
      'id: "nul\\0id"',
      'infoboxes:',
      '  - conflict: { text: "War\\r\\nof \\udc00escapes" }',
      '    "place\\0": { text: "x" }',
      '    place:',
      '      text: "Rome\\0"',
      '      links: [{ type: internal, page: "Ro\\ud800me" }]',
      '---',
      'Body.',
    ].join('\n')
    const article = parseArticle(text)
    expect(article.title).toBe('Battle\uFFFDof\uFFFD Nul')
    expect(article.id).toBe('nul\uFFFDid')
    const [infobox] = article.infoboxes
    expect(infobox?.['conflict']?.text).toBe('War\nof \uFFFDescapes')
    expect(Object.keys(infobox ?? {})).toEqual(['conflict', 'place\uFFFD', 'place'])
    expect(infobox?.['place']).toEqual({ text: 'Rome\uFFFD', links: [{ type: 'internal', page: 'Ro\uFFFDme' }] })
    const everything = JSON.stringify(article)
    expect(everything).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|\\r/i)
  })
})
