import type { BodyProfile } from '../core/options.js'
import type { PlainText } from './toPlainText.js'

/** Sections that hold references and link lists, not prose about the subject. */
const skippedSections =
  /^(references|notes|citations|sources|bibliography|further reading|external links|see also|footnotes)$/i

/** Plain text of the body for `profile`, blocks separated by blank lines. */
export function selectBody(text: PlainText, profile: BodyProfile): string {
  if (profile === 'none') return ''
  const blocks = [...text.lead]
  if (profile !== 'lead') {
    let skipBelow = Infinity
    for (const section of text.sections) {
      if (section.depth > skipBelow) continue
      skipBelow = skippedSections.test(section.heading.trim()) ? section.depth : Infinity
      if (skipBelow !== Infinity) continue
      blocks.push(section.heading)
      // A loop, not push(...blocks): a section of 100,000 blocks would overflow the stack.
      for (const block of profile === 'full' ? section.blocks : section.blocks.slice(0, 1)) blocks.push(block)
    }
  }
  return blocks.join('\n\n')
}
