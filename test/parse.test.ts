import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { FrontMatterError, parseArticle, safeParseArticle } from '../src/build.js'
import { corpusDir, corpusFiles, hasCorpus, hasSeed, seedFile } from './helpers.js'

describe('parseArticle on real data', () => {
  test.skipIf(!hasSeed)('the seed parses into a typed article without diagnostics', () => {
    const article = parseArticle(readFileSync(seedFile, 'utf8'), { id: 'seed' })
    expect(article.id).toBe('seed')
    expect(article.title).toBe('Battle of Qamishli (2021)')
    expect(article.shortDescription).toBe('Military operation of the Syrian civil war')
    expect(article.image).toBe('https://upload.wikimedia.org/wikipedia/commons/9/9c/Battle_of_Qamishli_(2021).svg')
    expect(article.diagnostics).toEqual([])
    const [infobox] = article.infoboxes
    expect(infobox?.['date']).toEqual({ text: '20 April 2021 – 26 April 2021', links: [] })
    // `page: undefined` is missing, not the page "undefined".
    expect(infobox?.['combatant1']?.links).toEqual([
      { type: 'internal', text: 'Autonomous Administration of North and East Syria' },
    ])
    expect(infobox?.['place']?.links.map((l) => l.page)).toEqual(['Qamishli', 'al-Hasakah Governorate', 'Syria'])
    expect(article.body).toMatch(/^\nThe \*\*2021 Battle of Qamishli\*\*/)
  })

  test.skipIf(!hasCorpus).each(corpusFiles())('corpus article %s parses without an error', (file) => {
    const result = safeParseArticle(readFileSync(corpusDir + file, 'utf8'), { file })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.article?.title).toBeTruthy()
  })
})

describe('front matter that cannot be read', () => {
  test.each([
    [
      'no front matter',
      'Just text.',
      'front-matter-missing',
      'Cannot read article in a.md: no front matter: the file must start with a "---" line.',
    ],
    [
      'empty file',
      '',
      'front-matter-missing',
      'Cannot read article in a.md: no front matter: the file must start with a "---" line.',
    ],
    [
      'front matter not on line 1',
      '\n---\ntitle: x\n---\n',
      'front-matter-missing',
      'Cannot read article in a.md: no front matter: the file must start with a "---" line.',
    ],
    [
      'never closed',
      '---\ntitle: x\n',
      'front-matter-unclosed',
      'Cannot read article in a.md: front matter is never closed: add a "---" line after it.',
    ],
    [
      '---js',
      '---js\n{ title: "x" }\n---\n',
      'front-matter-language',
      'Cannot read article in a.md: front matter language "js" is not supported: only YAML is read (remove "js" after the opening "---").',
    ],
    [
      '---javascript',
      '---javascript\nglobalThis.pwned = 1\n---\n',
      'front-matter-language',
      'Cannot read article in a.md: front matter language "javascript" is not supported: only YAML is read (remove "javascript" after the opening "---").',
    ],
    [
      '---coffee',
      '---coffee\ntitle: "x"\n---\n',
      'front-matter-language',
      'Cannot read article in a.md: front matter language "coffee" is not supported: only YAML is read (remove "coffee" after the opening "---").',
    ],
    [
      '---constructor',
      '---constructor\ntitle: x\n---\n',
      'front-matter-language',
      'Cannot read article in a.md: front matter language "constructor" is not supported: only YAML is read (remove "constructor" after the opening "---").',
    ],
    [
      '---toString',
      '---toString\ntitle: x\n---\n',
      'front-matter-language',
      'Cannot read article in a.md: front matter language "tostring" is not supported: only YAML is read (remove "tostring" after the opening "---").',
    ],
    [
      'a list',
      '---\n- a\n- b\n---\n',
      'front-matter-not-mapping',
      'Cannot read article in a.md: front matter must be a YAML mapping of keys to values, not a list.',
    ],
    [
      'a scalar',
      '---\njust a string\n---\n',
      'front-matter-not-mapping',
      'Cannot read article in a.md: front matter must be a YAML mapping of keys to values, not a string.',
    ],
    ['malformed YAML', '---\ntitle: [x\n---\n', 'front-matter-yaml', undefined],
    ['tab indentation', '---\ninfoboxes:\n\t- date: x\n---\n', 'front-matter-yaml', undefined],
    [
      'duplicate keys',
      '---\ntitle: a\ntitle: b\n---\n',
      'front-matter-yaml',
      'Cannot read article in a.md: front matter is not valid YAML at line 3: duplicated mapping key.',
    ],
    [
      'two YAML documents',
      '---\ntitle: a\n...\ntitle: b\n---\n',
      'front-matter-yaml',
      'Cannot read article in a.md: front matter holds 2 YAML documents: keep one (remove the "..." lines).',
    ],
    [
      'an unknown alias',
      '---\ntitle: *nowhere\n---\n',
      'front-matter-yaml',
      'Cannot read article in a.md: front matter is not valid YAML at line 2: unidentified alias "nowhere".',
    ],
    [
      '101 aliases',
      `---\ntitle: &t x\n${Array.from({ length: 101 }, (_, i) => `k${i}: *t`).join('\n')}\n---\n`,
      'front-matter-yaml',
      'Cannot read article in a.md: front matter is not valid YAML at line 103: it has more than 100 aliases (remove the "*" aliases).',
    ],
    ['a JavaScript tag', '---\ntitle: !!js/function "() => 1"\n---\n', 'front-matter-yaml', undefined],
  ])('%s → %s', (_name, text, code, message) => {
    const result = safeParseArticle(text, { file: 'a.md' })
    expect(result.success).toBe(false)
    expect(result.diagnostics[0]?.code).toBe(code)
    expect(result.diagnostics[0]?.severity).toBe('error')
    if (message !== undefined) expect(result.diagnostics[0]?.message).toBe(message)
    expect(() => parseArticle(text, { file: 'a.md' })).toThrow(FrontMatterError)
  })

  test('JavaScript front matter is never evaluated', () => {
    const probe = globalThis as { pwned?: number }
    for (const language of ['js', 'javascript', 'JS', ' javascript ']) {
      safeParseArticle(`---${language}\nglobalThis.pwned = 1\n---\n`)
    }
    expect(probe.pwned).toBeUndefined()
  })

  test('an alias bomb is refused quickly', () => {
    const lines = ['---', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      )
    lines.push('---', '')
    const started = performance.now()
    const result = safeParseArticle(lines.join('\n'))
    expect(result.success).toBe(false)
    expect(result.diagnostics[0]?.message).toMatch(/alias/i)
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  test('a long text repeated through aliases is refused, not expanded', () => {
    const fields = Array.from({ length: 40 }, (_, i) => `  f${i}: *s`).join('\n')
    const text = `---\ns: &s ${'x'.repeat(1_000_000)}\nm: &m\n${fields}\ninfoboxes: [${Array(40).fill('*m').join(', ')}]\n---\n`
    const result = safeParseArticle(text, { file: 'a.md' })
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-yaml',
        message:
          'Cannot read article in a.md: front matter is refused: its aliases expand it more than 10 times (remove the "*" aliases).',
      }),
    ])
  })

  test('a few aliases are read, and merge keys are plain keys', () => {
    const result = safeParseArticle(
      '---\ntitle: &t Shared\nshortDescription: *t\ninfoboxes:\n  - conflict: &c { text: Merged }\n    partof: { <<: *c }\n---\n',
    )
    expect(result.article?.shortDescription).toBe('Shared')
    expect(result.article?.infoboxes).toEqual([{ conflict: { text: 'Merged', links: [] } }])
    expect(result.diagnostics.map((d) => d.code)).toEqual([])
  })

  test('a cyclic alias is bounded: the article parses, the cycle is ignored', () => {
    const result = safeParseArticle('---\ntitle: Cycle\na: &a [*a]\ninfoboxes: &b [*b]\n---\n')
    expect(result.article?.title).toBe('Cycle')
    expect(result.article?.infoboxes).toEqual([])
  })

  test('nesting 5,000 levels deep is a diagnostic, not a crash', () => {
    const result = safeParseArticle(`---\ntitle: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`)
    expect(result.success).toBe(false)
    expect(result.diagnostics[0]?.code).toBe('front-matter-yaml')
  })
})

describe('fields are narrowed from unknown', () => {
  test('__proto__, constructor and prototype never reach a prototype', () => {
    const text = [
      '---',
      'title: Safe',
      '__proto__: { polluted: 1 }',
      'infoboxes:',
      '  - __proto__: { text: polluted }',
      '    constructor: { text: x }',
      '    prototype: { text: y }',
      '    date: { text: 1 May 1900 }',
      '---',
      '',
    ].join('\n')
    const article = parseArticle(text)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    const [infobox] = article.infoboxes
    expect(Object.getPrototypeOf(infobox)).toBeNull()
    expect(Object.keys(infobox ?? {})).toEqual(['date'])
    expect(article.diagnostics.map((d) => d.code)).toEqual(['unsafe-key', 'unsafe-key', 'unsafe-key'])
    expect(Object.assign({}, infobox)).toEqual({ date: { text: '1 May 1900', links: [] } })
  })

  test.each([
    ['a number title becomes text', 'title: 1812', { title: '1812' }, []],
    ['a list title is ignored, the id is used', 'title: [a, b]', { title: 'x' }, ['field-type', 'title-missing']],
    ['literal undefined is missing', 'title: t\ndescription: undefined', { description: undefined }, []],
    ['infoboxes as a mapping', 'title: t\ninfoboxes: { date: 1 }', { infoboxes: [] }, ['field-type']],
    ['an infobox that is a string', 'title: t\ninfoboxes: [oops]', { infoboxes: [] }, ['field-type']],
    [
      'links that are not a list',
      'title: t\ninfoboxes: [{ place: { text: Rome, links: Rome } }]',
      { infoboxes: [{ place: { text: 'Rome', links: [] } }] },
      ['field-type'],
    ],
    [
      'a bare string field',
      'title: t\ninfoboxes: [{ date: 1863 }]',
      { infoboxes: [{ date: { text: '1863', links: [] } }] },
      [],
    ],
    [
      'dates stay strings',
      'title: t\ninfoboxes: [{ date: 2021-04-20 }]',
      { infoboxes: [{ date: { text: '2021-04-20', links: [] } }] },
      [],
    ],
    [
      'page: undefined is dropped',
      'title: t\ninfoboxes: [{ place: { text: X, links: [{ type: internal, page: undefined, text: X }] } }]',
      { infoboxes: [{ place: { text: 'X', links: [{ type: 'internal', text: 'X' }] } }] },
      [],
    ],
  ])('%s', (_name, yaml, expected, codes) => {
    const article = parseArticle(`---\n${yaml}\n---\nbody`, { id: 'x' })
    for (const [key, value] of Object.entries(expected)) {
      expect(JSON.parse(JSON.stringify((article as unknown as Record<string, unknown>)[key] ?? null))).toEqual(
        value ?? null,
      )
    }
    expect(article.diagnostics.map((d) => d.code)).toEqual(codes)
  })

  test.each([
    ['CRLF', '---\r\ntitle: Crlf\r\n---\r\nBody\r\n', 'Crlf', 'Body\n'],
    ['CR only', '---\rtitle: Cr\r---\rBody\r', 'Cr', 'Body\n'],
    ['BOM', '\uFEFF---\ntitle: Bom\n---\nBody', 'Bom', 'Body'],
    ['NUL bytes', '---\ntitle: "N\0ul"\n---\nB\0dy', 'N\uFFFDul', 'B\uFFFDdy'],
    ['lone surrogate', '---\ntitle: "A\uD800b"\n---\nx\uDC00', 'A\uFFFDb', 'x\uFFFD'],
  ])('%s is normalised', (_name, text, title, body) => {
    const article = parseArticle(text)
    expect(article.title).toBe(title)
    expect(article.body).toBe(body)
  })

  test('the id comes from front matter, then the option, then the title', () => {
    expect(parseArticle('---\nid: given\ntitle: T\n---\n', { id: 'file' }).id).toBe('given')
    expect(parseArticle('---\ntitle: T\n---\n', { id: 'file' }).id).toBe('file')
    expect(parseArticle('---\ntitle: Battle of Świecino\n---\n').id).toBe('battle-of-swiecino')
  })
})
