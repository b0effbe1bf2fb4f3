// One adapter per search engine: build from plain documents, serialize, load
// from the serialized string, search (ids in rank order) and, where the
// engine can, search with filters and facet counts. The documents come from
// the BASELINE parse (see baseline.mjs), so every engine indexes the same text.
import MiniSearch from 'minisearch'

export const textFields = ['title', 'shortDescription', 'description', 'infobox', 'body']
export const storedFields = ['title', 'description', 'image', 'date', 'place']
/** What our index stores per document (besides the id): these fields and the body text (snippets). Size comparison only. */
export const oursStoredFields = ['title', 'shortDescription', 'description', 'image', 'date', 'place', 'body']
export const boost = { title: 5, shortDescription: 2, description: 1.5, infobox: 1.5, body: 1 }

/** The same search-as-you-type behaviour as our defaults: prefix on the last term, fuzzy for 5+ letters. */
export const miniSearchOptions = {
  idField: 'id',
  fields: textFields,
  storeFields: storedFields,
  searchOptions: {
    boost,
    prefix: (_term, index, terms) => index === terms.length - 1,
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    maxFuzzy: 2,
    combineWith: 'OR',
  },
}

const pickStored = (doc) => {
  const stored = {}
  for (const key of storedFields) if (doc[key] !== undefined) stored[key] = doc[key]
  return stored
}

/** Plain MiniSearch: no facets, no filters. */
export const minisearch = {
  name: 'plain MiniSearch',
  async build(docs) {
    const index = new MiniSearch(miniSearchOptions)
    index.addAll(docs)
    return index
  },
  serialize: (index) => JSON.stringify(index),
  load: (json) => MiniSearch.loadJSON(json, miniSearchOptions),
  search: (index, query, limit = 20) =>
    index
      .search(query)
      .slice(0, limit)
      .map((r) => r.id),
}

// ---------------------------------------------------------------------------

let orama
async function oramaModule() {
  return (orama ??= await import('@orama/orama'))
}
const oramaSchema = {
  title: 'string',
  shortDescription: 'string',
  description: 'string',
  infobox: 'string',
  body: 'string',
  places: 'enum[]',
  combatants: 'enum[]',
  dateStart: 'number',
  dateEnd: 'number',
}

/** Orama: facets and where-filters, but facet counts are not disjunctive; stores whole documents. */
export const oramaEngine = {
  name: 'Orama',
  async build(docs) {
    const { create, insertMultiple } = await oramaModule()
    const db = create({ schema: oramaSchema })
    const rows = docs.map((d) => {
      const row = {
        id: d.id,
        title: d.title,
        shortDescription: d.shortDescription,
        description: d.description,
        infobox: d.infobox,
        body: d.body,
        places: d.places,
        combatants: d.combatants,
        ...pickStored(d),
      }
      if (d.dateStart !== undefined) Object.assign(row, { dateStart: d.dateStart, dateEnd: d.dateEnd })
      return row
    })
    await insertMultiple(db, rows, 1000)
    return db
  },
  async serialize(db) {
    const { save } = await oramaModule()
    return JSON.stringify(await save(db))
  },
  async load(json) {
    const { create, load } = await oramaModule()
    const db = create({ schema: oramaSchema })
    await load(db, JSON.parse(json))
    return db
  },
  async search(db, query, limit = 20) {
    const { search } = await oramaModule()
    const result = await search(db, { term: query, properties: textFields, boost, tolerance: 1, limit })
    return result.hits.map((h) => h.document.id)
  },
  async facetedSearch(db, query, { place, from, to }, limit = 20) {
    const { search } = await oramaModule()
    const ranges = []
    for (let decade = Math.floor(from / 10) * 10; decade <= to; decade += 10)
      ranges.push({ from: decade, to: decade + 9 })
    const result = await search(db, {
      term: query,
      properties: textFields,
      boost,
      tolerance: 1,
      limit,
      where: { places: { containsAny: [place] }, dateStart: { lte: to }, dateEnd: { gte: from } },
      facets: { places: { limit: 10 }, combatants: { limit: 10 }, dateStart: { ranges } },
    })
    return result.hits.map((h) => h.document.id)
  },
}

// ---------------------------------------------------------------------------

let flex
async function flexModule() {
  if (flex === undefined) {
    const module = await import('flexsearch')
    flex = module.default ?? module
  }
  return flex
}
const flexOptions = () => ({
  tokenize: 'forward',
  document: {
    id: 'n',
    index: textFields,
    store: ['id', ...storedFields],
    tag: ['places'],
  },
})

/** FlexSearch: tag filters (one value), no facet counts, no numeric ranges. */
export const flexsearchEngine = {
  name: 'FlexSearch',
  async build(docs) {
    const { Document } = await flexModule()
    const index = new Document(flexOptions())
    docs.forEach((d, n) =>
      index.add({
        n,
        id: d.id,
        title: d.title,
        shortDescription: d.shortDescription,
        description: d.description,
        infobox: d.infobox,
        body: d.body,
        places: d.places,
        ...pickStored(d),
      }),
    )
    return index
  },
  async serialize(index) {
    const parts = {}
    await index.export((key, data) => {
      parts[key] = data
    })
    return JSON.stringify(parts)
  },
  async load(json) {
    const { Document } = await flexModule()
    const index = new Document(flexOptions())
    const parts = JSON.parse(json)
    for (const [key, data] of Object.entries(parts)) index.import(key, data)
    return index
  },
  async search(index, query, limit = 20) {
    const results = await index.search(query, { limit, enrich: true, merge: true, suggest: true })
    return results.slice(0, limit).map((r) => r.doc?.id)
  },
  async facetedSearch(index, query, { place }, limit = 20) {
    const results = await index.search(query, {
      limit,
      enrich: true,
      merge: true,
      suggest: true,
      tag: { places: place },
    })
    return results.slice(0, limit).map((r) => r.doc?.id)
  },
}

// ---------------------------------------------------------------------------

let lunrModule
async function lunrLib() {
  if (lunrModule === undefined) {
    const module = await import('lunr')
    lunrModule = module.default ?? module
  }
  return lunrModule
}

/** Lunr: no filters, no facets, no stored fields (we store them beside the index). */
export const lunrEngine = {
  name: 'Lunr',
  async build(docs) {
    const lunr = await lunrLib()
    const index = lunr(function () {
      this.ref('id')
      for (const field of textFields) this.field(field, { boost: boost[field] })
      for (const doc of docs) this.add(doc)
    })
    const stored = Object.fromEntries(docs.map((d) => [d.id, pickStored(d)]))
    return { index, stored }
  },
  serialize: ({ index, stored }) => JSON.stringify({ index, stored }),
  async load(json) {
    const lunr = await lunrLib()
    const { index, stored } = JSON.parse(json)
    return { index: lunr.Index.load(index), stored }
  },
  async search({ index }, query, limit = 20) {
    const lunr = await lunrLib()
    const terms = lunr
      .tokenizer(query)
      .map((t) => t.toString())
      .filter(Boolean)
    const results = index.query((q) => {
      terms.forEach((term, i) => {
        const last = i === terms.length - 1
        q.term(term, { editDistance: term.length >= 5 ? 1 : 0 })
        if (last) q.term(term, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false })
      })
    })
    return results.slice(0, limit).map((r) => r.ref)
  },
}

export const engines = { minisearch, orama: oramaEngine, flexsearch: flexsearchEngine, lunr: lunrEngine }
