import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseArticle, selectBody, toPlainText } from '../src/build.js'
import { leadMarkdown } from '../src/extract/leadMarkdown.js'
import { corpusDir, corpusFiles, fixtureSlugs, hasCorpus, readFixture } from './helpers.js'
import { fcParameters } from './robustness/helpers.js'

const lead = (markdown: string) => selectBody(toPlainText(markdown), 'lead')

describe('leadMarkdown', () => {
  test.each([
    ['cuts at the first heading after a blank line', 'Lead text.\n\n## Background\nMore.', 'Lead text.\n\n'],
    ['a heading on the first line', '# Title\nText', ''],
    [
      'a heading right after a paragraph line: no cut',
      'Lead text.\n## Background\nMore.',
      'Lead text.\n## Background\nMore.',
    ],
    [
      'skips a heading inside a backtick fence',
      'Lead.\n\n```\n\n# not a heading\n```\n\n## Real\nx',
      'Lead.\n\n```\n\n# not a heading\n```\n\n',
    ],
    [
      'a longer fence is not closed by a shorter one',
      'Lead.\n\n````\n```\n\n# code\n````\n\n## Real',
      'Lead.\n\n````\n```\n\n# code\n````\n\n',
    ],
    [
      'a tilde fence is not closed by backticks',
      'Lead.\n\n~~~\n```\n\n# code\n~~~\n\n## Real',
      'Lead.\n\n~~~\n```\n\n# code\n~~~\n\n',
    ],
    [
      'a closing fence with text after it does not close',
      'Lead.\n\n```\n``` x\n\n# code\n```\n\n## Real',
      'Lead.\n\n```\n``` x\n\n# code\n```\n\n',
    ],
    ['an unclosed fence: no cut', 'Lead.\n\n```\n\n# code', 'Lead.\n\n```\n\n# code'],
    ['backticks in the info string: not a fence', 'Lead ```a`\n\n## Real', 'Lead ```a`\n\n'],
    [
      'an HTML comment that spans blank lines: no cut',
      'Lead.\n\n<!--\n\n# hidden\n-->\n\n## Real',
      'Lead.\n\n<!--\n\n# hidden\n-->\n\n## Real',
    ],
    ['<pre> spans blank lines: no cut', 'Lead.\n\n<pre>\n\n# code\n</pre>', 'Lead.\n\n<pre>\n\n# code\n</pre>'],
    ['a <div> ends at a blank line: cut', 'Lead.\n\n<div>x</div>\n\n## Real', 'Lead.\n\n<div>x</div>\n\n'],
    [
      'a link definition after the heading: no cut',
      'See [Zama].\n\n## Notes\n\n[Zama]: https://example.org',
      'See [Zama].\n\n## Notes\n\n[Zama]: https://example.org',
    ],
    ['"#5" is not a heading', 'Lead.\n\n#5 in a list\n\n## Real', 'Lead.\n\n#5 in a list\n\n'],
    [
      'a closing HTML tag swallows the fence line after it: no cut',
      '</pre>\n``` js\n\n```\n\n## H2',
      '</pre>\n``` js\n\n```\n\n## H2',
    ],
    ['a fence inside a list item: no cut', '- ```\n  ```\n\n```\n\n## H2', '- ```\n  ```\n\n```\n\n## H2'],
    ['a list before the lead ends: still cut', 'Lead.\n\n- one\n- two\n\n## Real', 'Lead.\n\n- one\n- two\n\n'],
    ['an indented "#" line is not a cut point', 'Lead.\n\n    # code\n\n## Real', 'Lead.\n\n    # code\n\n'],
    ['no heading: unchanged', 'Only a lead.\n\nTwo paragraphs.', 'Only a lead.\n\nTwo paragraphs.'],
    ['empty', '', ''],
  ])('%s', (_name, markdown, expected) => {
    expect(leadMarkdown(markdown)).toBe(expected)
    expect(lead(leadMarkdown(markdown))).toEqual(lead(markdown))
  })

  test('the fixtures: the same lead, from less Markdown', () => {
    let saved = 0
    let total = 0
    for (const slug of fixtureSlugs()) {
      const { body } = parseArticle(readFixture(slug), { id: slug })
      expect(lead(leadMarkdown(body)), slug).toEqual(lead(body))
      saved += body.length - leadMarkdown(body).length
      total += body.length
    }
    expect(saved / total).toBeGreaterThan(0.5)
  })

  test.skipIf(!hasCorpus)('the ../shared corpus: the same lead for every article', () => {
    for (const name of corpusFiles()) {
      const { body } = parseArticle(readFileSync(`${corpusDir}${name}`, 'utf8'), { id: name })
      expect(lead(leadMarkdown(body)), name).toEqual(lead(body))
    }
  })

  test('arbitrary Markdown made of headings, fences, HTML, definitions, lists and quotes: the same lead', () => {
    // Structural lines (fences, headings, blank lines, HTML) weigh most: the cut depends on them.
    const structural = fc.constantFrom(
      '',
      '',
      '# H1',
      '## H2',
      '#',
      '```',
      '````',
      '``` js',
      '```a`',
      '~~~',
      '~~~~',
      '  ```',
      '<!--',
      '-->',
      '<pre>',
      '</pre>',
      '[a link]: /x',
    )
    const other = fc.constantFrom(
      ' ',
      'Text with [a link] and *emphasis*.',
      '###### H6',
      '####### seven',
      '#\tTab',
      '#5',
      ' ## indented heading',
      '    # indented code',
      '- item',
      '- # heading in item',
      '  continued',
      '> quote',
      '> # quoted heading',
      '<div>',
      '<?php',
      '<![CDATA[',
      ']]>',
      '[a\nlink]: /x',
      'Setext',
      '===',
      '---',
      '\\# escaped',
      '1. one',
      '``` x',
      '~~~ x',
      '- ```',
      '> ```',
      '1. ~~~',
      '    ```',
      '   ```',
      '<span>',
      '</div>',
    )
    const line = fc.oneof({ arbitrary: structural, weight: 3 }, { arbitrary: other, weight: 1 })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const markdown = lines.join('\n')
        expect(lead(leadMarkdown(markdown))).toEqual(lead(markdown))
      }),
      fcParameters(3000),
    )
  })
})
