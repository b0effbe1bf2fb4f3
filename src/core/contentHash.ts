/**
 * A 48-bit hash of a text, as 12 hex digits: the name of a chunk file of a
 * chunked index. The builder names each file by the hash of its content, so
 * an unchanged file keeps its name (and its place in every cache) and a
 * changed one gets a new one; the runtime hashes what it fetched and refuses
 * a file whose content is not the one its name promises (a file of another
 * build). Two FNV-1a lanes over the UTF-16 units; not a defence against
 * someone forging files, only against mixing up builds.
 *
 * @example
 * contentHash('{"terms":[]}') // 12 hex digits
 */
export function contentHash(text: string): string {
  let high = 0x811c9dc5
  let low = 0x050c5d1f
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at)
    high = Math.imul(high ^ unit, 0x01000193)
    low = Math.imul(low ^ unit, 0x01000193 + 0x3c6ef372)
    low ^= low >>> 15
  }
  return hex(high >>> 0, 8) + hex((low >>> 0) & 0xffff, 4)
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0')
}
