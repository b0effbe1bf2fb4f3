const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * CRLF and CR as LF, NUL bytes and lone surrogates as U+FFFD: the one
 * normalisation of an article's text, applied to the raw file and again to
 * every string YAML makes, whose escapes (`"\\0"`, `"\\ud800"`, `"\\r"`) can
 * write what the raw text no longer holds.
 */
export function normalizeCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').replace(loneSurrogate, '\uFFFD')
}
