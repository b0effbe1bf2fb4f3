// Tiny `--name value` / `--flag` parser for the bench scripts.
import { parseArgs } from 'node:util'

export function readArgs(argv, options) {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  return { ...values, _: positionals }
}

export function toInt(value, name) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`bench: --${name} must be a whole number, received ${JSON.stringify(value)}`)
  return n
}
