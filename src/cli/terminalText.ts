/**
 * Characters that must not reach a terminal from an article, an index or a
 * file name: C0 and C1 controls (ESC starts the escape sequences that move the
 * cursor, clear the screen, set the title; 0x9B is a one-character CSI), DEL,
 * and the bidirectional controls that make a line display in another order.
 */
// eslint-disable-next-line no-control-regex -- these are the characters it is about
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * `text` as a terminal may show it: each unsafe character replaced by U+FFFD.
 * For one value of a line (a title, a message, a path); the line breaks
 * between values are the CLI's own.
 *
 * @example terminalText('Battle\x1b[2J') // 'Battle�[2J'
 */
export function terminalText(text: string): string {
  return text.replace(unsafe, '\uFFFD')
}

/**
 * JSON as a terminal may show it: the same characters written as `\uXXXX` escapes (the same JSON
 * value). `JSON.stringify` escapes C0 controls in strings itself; its line breaks are layout.
 */
export function terminalJson(json: string): string {
  return json.replace(unsafe, (character) =>
    character === '\n' ? character : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** A message of several lines: each line made safe, the line breaks kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n')
}
