// Writes test/compat/v2.json: an index in format version 2, built by this
// version of infobox-search from the small articles below. Run it by hand
// after `npm run build` (it reads dist/), then review the diff:
//
//     npm run build && node test/compat/generate.mjs
//
// Only regenerate when the format version changes; otherwise the golden file
// proves that indexes written by earlier releases of this format still load.
// v1.json was written by this script at format version 1; v0.json and
// v3.json are written by hand (see README.md).
import { writeFile } from 'node:fs/promises'
import { buildIndex, parseArticle, serializeIndex } from '../../dist/build.js'

const articles = {
  'battle-of-zama': `---
title: Battle of Zama
shortDescription: Last battle of the Second Punic War
img: https://upload.wikimedia.org/example/zama.png
url: /battles/zama
tags: [punic wars, antiquity]
infoboxes:
  - conflict: { text: Battle of Zama }
    partof: { text: the Second Punic War, links: [{ type: internal, page: Second Punic War }] }
    date: { text: October 202 BC }
    coordinates: { text: "36.27°N, 9.45°W" }
    place:
      text: Zama, near Siliana, Tunisia
      links:
        - { type: internal, page: Zama Regia }
        - { type: internal, page: Tunisia }
    combatant1: { text: Roman Republic, links: [{ type: internal, page: Roman Republic }] }
    combatant2: { text: Carthage, links: [{ type: internal, page: Ancient Carthage }] }
---

Scipio's army met Hannibal's veterans on the plain near Zama. Elephants charged
first; the Roman maniples opened lanes for them.

## Aftermath
Carthage sued for peace and gave up its fleet.
`,
  'siege-of-rhodes': `---
title: Siege of Rhodes (305–304 BC)
infoboxes:
  - conflict: { text: Siege of Rhodes }
    date: { text: 305–304 BC }
    place: { text: "Rhodes, Greece" }
    combatant1: { text: Rhodes }
    combatant2: { text: Antigonid dynasty }
---

Demetrius brought the Helepolis, a siege tower nine storeys high, against the
walls of Rhodes. The city held out for a year.
`,
  'battle-of-hochstadt': `---
title: Second Battle of Höchstädt
infoboxes:
  - conflict: { text: Battle of Blenheim }
    date: { text: 13 August 1704 }
    place: { text: "Blindheim, Bavaria, Germany" }
    combatant1: { text: "* Grand Alliance\\n* Dutch Republic" }
    combatant2: { text: "* France\\n* Electorate of Bavaria" }
---

Marlborough and Prince Eugene crossed the Nebel and broke the Franco-Bavarian
centre near Höchstädt an der Donau.
`,
  'qamishli-clashes': `---
title: Qamishli clashes
infoboxes:
  - conflict: { text: Qamishli clashes }
    date: { text: 2021 – present }
    place: { text: "Qamishli, Syria" }
    combatant1: { text: Asayish }
    combatant2: { text: National Defence Forces }
---

Street fighting between the Asayish and the National Defence Forces.
`,
}

const index = buildIndex(
  Object.entries(articles).map(([id, text]) => parseArticle(text, { id })),
  { facets: ['partof', 'tags'], store: ['url', 'tags'] },
)
await writeFile(new URL('v2.json', import.meta.url), serializeIndex(index))
console.log(`test/compat/v2.json: ${index.documentCount} articles`)
