import type { Diagnostic } from '../parse/article.js'
import { terminalLines } from './terminalText.js'

/** One diagnostic as a line: `warning: <file>: <message> [code]`; messages starting "Cannot" already name the file. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const text =
    diagnostic.message.startsWith('Cannot') || diagnostic.file === undefined
      ? diagnostic.message
      : `${diagnostic.file}: ${diagnostic.message}`
  return terminalLines(`${diagnostic.severity}: ${text} [${diagnostic.code}]`)
}
