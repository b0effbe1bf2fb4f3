import { execFileSync } from 'node:child_process'
import { expect, test } from 'vitest'

test('the README API example runs and finds Cannae', () => {
  const output = execFileSync('node', ['examples/node/quickstart.mjs'], {
    cwd: new URL('..', import.meta.url).pathname,
    encoding: 'utf8',
  })
  expect(output).toMatch(/^1 Battle of Cannae\n/)
  expect(output).toContain('<mark>Hannibal</mark>')
})
