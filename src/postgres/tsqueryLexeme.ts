/** A lexeme in tsquery syntax: quoted, `:*` for a prefix. */
export function tsqueryLexeme(term: string, prefix = false): string {
  return `'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}'${prefix ? ':*' : ''}`
}

/** `a | b | c` of lexemes, or '' when there are none. */
export const anyOf = (lexemes: readonly string[]): string => lexemes.join(' | ')
