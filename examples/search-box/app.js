// A search box over an infobox-search index: search as you type, facet
// checkboxes, a date range with a histogram, highlighted snippets, state in
// the URL, keyboard navigation. Plain DOM, no framework, no build step.
//
// The library is imported in `start`, dynamically, so the index downloads at
// the same time and a library that fails to load shows an error instead of a
// page stuck on "Loading". `libraryUrl` is `infobox-search/browser`: one
// self-contained, minified ES module (MiniSearch included), served by
// `npm start` from the repository root. On your site:
// - copy node_modules/infobox-search/dist/browser.js next to this page, or
//   load it from a CDN: 'https://cdn.jsdelivr.net/npm/infobox-search@0.1/dist/browser.js';
// - with a bundler: replace the dynamic import by a static one, which the
//   bundler can follow:  import { loadIndex, highlight, escapeHtml } from 'infobox-search'
const libraryUrl = '/dist/browser.js'
/** `highlight` and `escapeHtml` from the library, once it is loaded. */
let highlight
let escapeHtml

// Security rule of this file: article text (titles, places, snippets, facet
// values…) comes from the index and is untrusted. It reaches the page only
// through `highlight()` (snippets), `escapeHtml()` (other strings in HTML
// we build) or `textContent`. Never put it into innerHTML any other way.

const root = document.getElementById('search-box')
const $ = (id) => document.getElementById(id)
const input = $('search-input')
const results = $('search-results')
const status = $('search-status')
const errorBox = $('search-error')
const moreButton = $('search-more')
const sortSelect = $('search-sort')
const dateFrom = $('date-from')
const dateTo = $('date-to')
const dateError = $('date-error')
const histogram = $('date-histogram')

/**
 * Facets shown as checkbox lists, and how they are counted. `level: 0` lists
 * the broadest place of each article (mostly countries: "Syria", "France");
 * drop it to list every place value (cities, regions, battlefields…).
 */
const facetRequests = { place: { level: 0, limit: 1000 }, combatant: { limit: 1000 } }
const facetNames = Object.keys(facetRequests)
/** Results per page, and facet values shown before "Show more". */
const pageSize = 20
const facetPreview = 8
/** Wait this long after the last keystroke before searching. */
const debounceMs = 120

/** Everything the URL holds: enough to reproduce a search. */
const state = {
  query: '',
  filters: Object.fromEntries(facetNames.map((name) => [name, []])),
  from: '',
  to: '',
  interval: 'century',
  sort: '',
}
/** View state that is not shared: paging, expanded facets, the active result. */
const view = { limit: pageSize, expanded: new Set(), active: -1, hits: [], firstQueryMarked: false }
/**
 * The loaded SearchIndex, or a search server (`?api=` / `data-search-url`:
 * `createSearchHandler` of infobox-search/postgres), whose `search` answers
 * the same result as a promise; undefined until then.
 */
let index
/** Numbers searches, so a slow server answer never replaces a newer one. */
let searchCount = 0

// ---------------------------------------------------------------- URL state

/** Read the search from the URL (`?q=…&place=…&place=…&from=-490&to=1945`). */
function readUrl() {
  const params = new URLSearchParams(location.search)
  state.query = params.get('q') ?? ''
  for (const name of facetNames) state.filters[name] = params.getAll(name)
  state.from = params.get('from') ?? ''
  state.to = params.get('to') ?? ''
  state.interval = params.get('interval') === 'decade' ? 'decade' : 'century'
  const sort = params.get('sort') ?? ''
  state.sort = sort === 'date' || sort === '-date' ? sort : ''
}

/** Write the search to the URL without adding a history entry, so it can be shared. */
function writeUrl() {
  const params = new URLSearchParams()
  for (const name of ['index', 'api']) {
    const keep = new URLSearchParams(location.search).get(name)
    if (keep !== null) params.set(name, keep)
  }
  if (state.query.trim() !== '') params.set('q', state.query)
  for (const name of facetNames) for (const value of state.filters[name]) params.append(name, value)
  // Store the year as a number when it parses ("480 BC" → -480), else as typed.
  const from = parseYear(state.from)
  const to = parseYear(state.to)
  if (state.from.trim() !== '') params.set('from', typeof from === 'number' ? String(from) : state.from)
  if (state.to.trim() !== '') params.set('to', typeof to === 'number' ? String(to) : state.to)
  if (state.interval !== 'century') params.set('interval', state.interval)
  if (state.sort !== '') params.set('sort', state.sort)
  const search = params.toString()
  const url = `${location.pathname}${search === '' ? '' : `?${search}`}${location.hash}`
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url)
}

/** Put the state into the form controls (on load and on back/forward). */
function showState() {
  input.value = state.query
  dateFrom.value = state.from === '' ? '' : (formatYear(parseYear(state.from)) ?? state.from)
  dateTo.value = state.to === '' ? '' : (formatYear(parseYear(state.to)) ?? state.to)
  sortSelect.value = state.sort
  for (const radio of root.querySelectorAll('input[name="interval"]')) radio.checked = radio.value === state.interval
}

// ---------------------------------------------------------------- years

/**
 * A year typed by the user: `1863`, `-490`, `490 BC`, `490 BCE`, `AD 9`, `9 CE`.
 * Returns `undefined` for an empty field and `null` for text that is not a year.
 * There is no year 0: 1 BC is -1.
 */
function parseYear(text) {
  const value = text.trim()
  if (value === '') return undefined
  const match = /^(?:(?:AD|CE)\s*)?(-?\d{1,4})\s*(BC|BCE|B\.C\.|AD|CE|A\.D\.)?$/i.exec(value)
  if (match === null) return null
  const year = Number(match[1])
  const bc = match[2] !== undefined && /^B/i.test(match[2])
  if (year === 0 || (bc && year < 0)) return null
  return bc ? -year : year
}

/** `-490` → `490 BC`, `1863` → `1863`. */
function formatYear(year) {
  return typeof year === 'number' ? (year < 0 ? `${-year} BC` : String(year)) : undefined
}

/** The date filter of the state, or an error message for the date fields. */
function dateFilter() {
  const from = parseYear(state.from)
  const to = parseYear(state.to)
  if (from === null || to === null) return { error: 'Enter a year such as 1863, -490 or 490 BC.' }
  if (from !== undefined && to !== undefined && from > to) return { error: '“From” is after “To”.' }
  if (from === undefined && to === undefined) return {}
  return { filter: { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) } }
}

// ---------------------------------------------------------------- search

async function search() {
  if (index === undefined) return
  const count = ++searchCount
  const date = dateFilter()
  dateError.hidden = date.error === undefined
  dateError.textContent = date.error ?? ''
  for (const field of [dateFrom, dateTo])
    field.setAttribute('aria-invalid', String(date.error !== undefined && parseYear(field.value) !== undefined))

  const filters = {}
  for (const name of facetNames) if (state.filters[name].length > 0) filters[name] = state.filters[name]
  if (date.filter !== undefined) filters.date = date.filter

  let result
  try {
    result = await index.search(state.query, {
      filters,
      // Counts are disjunctive: a facet's counts ignore its own filter, so
      // ticking a second place adds to the results instead of emptying them.
      facets: { ...facetRequests, date: { interval: state.interval } },
      limit: view.limit,
      ...(state.sort === '' ? {} : { sort: state.sort }),
    })
  } catch (error) {
    // E.g. an index built without a facet this page asks for: the message names it.
    if (count === searchCount) status.textContent = error instanceof Error ? error.message : String(error)
    return
  }
  if (count !== searchCount) return
  // Without a query the default order is newest first, so say so.
  sortSelect.options[0].textContent = state.query.trim() === '' ? 'Newest first' : 'Relevance'
  sortSelect.options[1].hidden = state.query.trim() === ''
  renderResults(result)
  for (const name of facetNames) renderFacet(name, result.facets[name] ?? [])
  renderHistogram(result.facets.date ?? [], date.filter)
  for (const button of root.querySelectorAll('[data-clear]')) {
    const name = button.dataset.clear ?? ''
    button.hidden = name === 'date' ? state.from === '' && state.to === '' : state.filters[name].length === 0
  }

  if (!view.firstQueryMarked && state.query.trim() !== '') {
    // Time from navigation start to the first query's results on screen.
    view.firstQueryMarked = true
    performance.mark('search-box:first-query-results')
  }
}

/** Search after the user stops typing for `debounceMs`. */
let timer
function searchSoon() {
  clearTimeout(timer)
  timer = setTimeout(searchNow, debounceMs)
}
function searchNow() {
  clearTimeout(timer)
  view.limit = pageSize
  writeUrl()
  search()
}

// ---------------------------------------------------------------- rendering

function renderResults(result) {
  view.hits = result.hits
  setActive(-1)
  const filtered = result.total !== result.totalUnfiltered
  const query = state.query.trim()
  const plural = (n) => `${n.toLocaleString()} ${n === 1 ? 'article' : 'articles'}`
  status.textContent =
    query === ''
      ? `${plural(result.total)}${filtered ? ` match the filters (of ${result.totalUnfiltered.toLocaleString()})` : ''}`
      : `${plural(result.total)} for “${query}”${filtered ? ` with the filters (${result.totalUnfiltered.toLocaleString()} without)` : ''}`

  // One string of HTML per hit: every article string goes through escapeHtml,
  // the snippet through highlight (which escapes everything but its <mark>s).
  results.innerHTML = result.hits
    .map((hit, i) => {
      const meta = [
        hit.date ? `<span class="hit-date">${escapeHtml(hit.date)}</span>` : '',
        hit.place ? `<span class="hit-place">${escapeHtml(hit.place)}</span>` : '',
      ].filter(Boolean)
      return `<li class="hit" role="option" id="hit-${i}" aria-selected="false">
        <a class="hit-title" href="${escapeHtml(articleUrl(hit))}" tabindex="-1">${escapeHtml(hit.title)}</a>
        ${hit.shortDescription ? `<p class="hit-description">${escapeHtml(hit.shortDescription)}</p>` : ''}
        ${meta.length > 0 ? `<p class="hit-meta">${meta.join('')}</p>` : ''}
        <p class="hit-snippet">${highlight(hit.snippet)}</p>
      </li>`
    })
    .join('')
  input.setAttribute('aria-expanded', String(result.hits.length > 0))
  moreButton.hidden = result.hits.length >= result.total
  renderEmpty(result)
}

/** "No results": say why, and offer a way out. */
function renderEmpty(result) {
  let empty = document.getElementById('search-empty')
  if (result.total > 0) return empty?.remove()
  if (empty === null) {
    empty = document.createElement('div')
    empty.id = 'search-empty'
    empty.className = 'search-empty'
    results.after(empty)
  }
  empty.replaceChildren()
  const heading = document.createElement('p')
  heading.className = 'search-empty-title'
  heading.textContent =
    state.query.trim() === ''
      ? 'No article matches these filters.'
      : `No article matches “${state.query.trim()}”${result.totalUnfiltered > 0 ? ' with these filters' : ''}.`
  empty.append(heading)
  if (result.totalUnfiltered > 0) {
    empty.append(button('Clear all filters', () => clearFilters()))
  } else if (index?.suggest !== undefined) {
    // Offer completions of the last word, e.g. "gettys" → "gettysburg" (a static index only).
    const suggestions = index.suggest(state.query, { limit: 3 })
    if (suggestions.length > 0) {
      const line = document.createElement('p')
      line.append('Try ')
      suggestions.forEach(({ suggestion }, i) => {
        if (i > 0) line.append(', ')
        line.append(button(suggestion, () => setQuery(suggestion)))
      })
      empty.append(line)
    }
  }
}

/** One facet as checkboxes; values with a zero count stay only while ticked. */
function renderFacet(name, counts) {
  const list = root.querySelector(`ul[data-facet="${name}"]`)
  const selected = new Set(state.filters[name])
  const expanded = view.expanded.has(name)
  // A ticked value the index does not have (e.g. from an old shared URL) still
  // gets its checkbox, so it can be unticked.
  const missing = [...selected]
    .filter((value) => !counts.some((c) => c.value === value))
    .map((value) => ({ value, count: undefined }))
  const all = [...counts, ...missing]
  const shown = expanded ? all : all.filter((c, i) => i < facetPreview || selected.has(c.value))
  list.replaceChildren(
    ...shown.map(({ value, count, label }) => {
      const item = document.createElement('li')
      const box = document.createElement('input')
      box.type = 'checkbox'
      box.name = name
      box.value = value
      box.checked = selected.has(value)
      const text = document.createElement('span')
      text.className = 'facet-label'
      text.textContent = label ?? value
      if (label !== undefined && label !== value) text.title = value
      const number = document.createElement('span')
      number.className = 'facet-count'
      number.textContent = count?.toLocaleString() ?? ''
      const wrapper = document.createElement('label')
      wrapper.className = !count ? 'facet-value is-zero' : 'facet-value'
      wrapper.append(box, text, number)
      item.append(wrapper)
      return item
    }),
  )
  if (all.length === 0) {
    const none = document.createElement('li')
    none.className = 'facet-none'
    none.textContent = 'None in these results'
    list.append(none)
  }
  const more = root.querySelector(`[data-more="${name}"]`)
  more.hidden = all.length <= facetPreview
  more.textContent = expanded ? 'Show fewer' : `Show all ${all.length}`
}

/** Date histogram: one bar per bucket, clickable to set the range. */
function renderHistogram(buckets, filter) {
  const max = Math.max(1, ...buckets.map((b) => b.count))
  const from = filter?.from ?? -Infinity
  const to = filter?.to ?? Infinity
  histogram.replaceChildren(
    ...buckets.map((bucket) => {
      const item = document.createElement('li')
      const bar = document.createElement('button')
      bar.type = 'button'
      bar.className = 'bar'
      bar.dataset.from = String(bucket.from)
      bar.dataset.to = String(bucket.to)
      const inRange = filter !== undefined && bucket.from <= to && bucket.to >= from
      bar.setAttribute('aria-pressed', String(inRange))
      bar.title = `${bucket.value}: ${bucket.count} (click to filter, Shift+click to extend)`
      const label = document.createElement('span')
      label.className = 'bar-label'
      label.textContent = bucket.value
      const track = document.createElement('span')
      track.className = 'bar-track'
      const fill = document.createElement('span')
      fill.className = 'bar-fill'
      fill.style.width = `${Math.max(4, (bucket.count / max) * 100)}%`
      track.append(fill)
      const count = document.createElement('span')
      count.className = 'bar-count'
      count.textContent = String(bucket.count)
      bar.append(label, track, count)
      item.append(bar)
      return item
    }),
  )
  if (buckets.length === 0) {
    const none = document.createElement('li')
    none.className = 'facet-none'
    none.textContent = 'No dated articles in these results'
    histogram.append(none)
  }
}

// ---------------------------------------------------------------- keyboard

/** Move the active option (the one Enter opens); -1 for none. */
function setActive(position) {
  view.active = position
  const options = results.querySelectorAll('[role="option"]')
  options.forEach((option, i) => {
    option.setAttribute('aria-selected', String(i === position))
    option.classList.toggle('is-active', i === position)
  })
  const active = options[position]
  if (active === undefined) {
    input.removeAttribute('aria-activedescendant')
  } else {
    input.setAttribute('aria-activedescendant', active.id)
    active.scrollIntoView({ block: 'nearest' })
  }
}

input.addEventListener('keydown', (event) => {
  const count = view.hits.length
  switch (event.key) {
    case 'ArrowDown':
      event.preventDefault()
      if (count > 0) setActive(Math.min(view.active + 1, count - 1))
      break
    case 'ArrowUp':
      event.preventDefault()
      if (count > 0) setActive(Math.max(view.active - 1, -1))
      break
    case 'Enter': {
      event.preventDefault()
      const hit = view.hits[view.active]
      if (hit !== undefined) location.assign(articleUrl(hit))
      else searchNow()
      break
    }
    case 'Escape':
      // First Escape leaves the results; the next one clears the query.
      event.preventDefault()
      if (view.active >= 0) setActive(-1)
      else if (input.value !== '') setQuery('')
      break
  }
})

// ---------------------------------------------------------------- events

input.addEventListener('input', () => {
  state.query = input.value
  searchSoon()
})
root.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault())

root.addEventListener('change', (event) => {
  const target = event.target
  if (target.type === 'checkbox' && facetNames.includes(target.name)) {
    const values = new Set(state.filters[target.name])
    if (target.checked) values.add(target.value)
    else values.delete(target.value)
    state.filters[target.name] = [...values]
    searchNow()
  } else if (target.name === 'interval') {
    state.interval = target.value
    searchNow()
  } else if (target === sortSelect) {
    state.sort = sortSelect.value
    searchNow()
  }
})

for (const field of [dateFrom, dateTo]) {
  field.addEventListener('input', () => {
    state.from = dateFrom.value
    state.to = dateTo.value
    searchSoon()
  })
}

histogram.addEventListener('click', (event) => {
  const bar = event.target.closest('button.bar')
  if (bar === null) return
  let from = Number(bar.dataset.from)
  let to = Number(bar.dataset.to)
  const current = dateFilter().filter
  if (event.shiftKey && current !== undefined) {
    // Shift+click extends the current range to cover this bar.
    from = Math.min(from, current.from ?? from)
    to = Math.max(to, current.to ?? to)
  } else if (current?.from === from && current?.to === to) {
    // Clicking the only selected bar again clears the range.
    setDates('', '')
    return
  }
  setDates(formatYear(from) ?? '', formatYear(to) ?? '')
})

root.addEventListener('click', (event) => {
  const target = event.target
  const clear = target.closest('[data-clear]')?.getAttribute('data-clear')
  if (clear === 'date') setDates('', '')
  else if (clear) {
    state.filters[clear] = []
    searchNow()
  }
  const more = target.closest('[data-more]')?.getAttribute('data-more')
  if (more) {
    if (view.expanded.has(more)) view.expanded.delete(more)
    else view.expanded.add(more)
    search()
  }
})

moreButton.addEventListener('click', () => {
  view.limit += pageSize
  search()
})

// Back/forward to a URL with another search: show and run it.
window.addEventListener('popstate', () => {
  readUrl()
  showState()
  searchNow()
})

function setQuery(query) {
  state.query = query
  input.value = query
  searchNow()
  input.focus()
}

function setDates(from, to) {
  state.from = from
  state.to = to
  dateFrom.value = from
  dateTo.value = to
  searchNow()
}

function clearFilters() {
  for (const name of facetNames) state.filters[name] = []
  setDates('', '')
}

function button(text, onClick) {
  const element = document.createElement('button')
  element.type = 'button'
  element.className = 'link-button'
  element.textContent = text
  element.addEventListener('click', onClick)
  return element
}

/** The page a hit links to, from the `data-article-url` template. */
function articleUrl(hit) {
  const template = root.dataset.articleUrl ?? '#{id}'
  const href = template
    .replaceAll('{id}', encodeURIComponent(hit.id))
    .replaceAll('{title}', encodeURIComponent(hit.title.replaceAll(' ', '_')))
  const url = new URL(href, location.href)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '#'
}

// ---------------------------------------------------------------- start

/** A search server's URL: `?api=` (same site only) or the page's `data-search-url`; undefined for none. */
function apiUrl() {
  const given = new URLSearchParams(location.search).get('api') ?? root.dataset.searchUrl
  if (given === undefined || given === null || given === '') return undefined
  const url = new URL(given, location.href)
  if (url.origin !== location.origin)
    throw new Error(`the search server must be on this site (${location.origin}), not ${url.origin}`)
  return url
}

/** `search` over HTTP: POST { query, options } to `createSearchHandler`, the same result back. */
function remoteIndex(url) {
  return {
    async search(query, options) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, options }),
      })
      const body = await response.json().catch(() => undefined)
      if (!response.ok) throw new Error(body?.error?.message ?? `The search server answered ${response.status}.`)
      return body
    },
  }
}

/** The index to load: `?index=` (same site only) or the page's `data-index`. */
function indexUrl() {
  const url = new URL(
    new URLSearchParams(location.search).get('index') ?? root.dataset.index ?? './search-index.json',
    location.href,
  )
  if (url.origin !== location.origin)
    throw new Error(`the index must be on this site (${location.origin}), not ${url.origin}`)
  return url
}

async function start() {
  readUrl()
  showState()
  let url
  let api
  try {
    api = apiUrl()
    url = api === undefined ? indexUrl().href : api.href
  } catch (error) {
    return showError('The search index could not be loaded.', error)
  }
  // Download the index while the library loads (a search server needs none).
  const download = api === undefined ? fetch(url) : Promise.resolve(undefined)
  let library
  try {
    library = await import(libraryUrl)
  } catch (error) {
    download.catch(() => {})
    return showError(
      'The search library could not be loaded.',
      error,
      `Library URL: ${new URL(libraryUrl, location.href)}`,
    )
  }
  highlight = library.highlight
  escapeHtml = library.escapeHtml
  try {
    // loadIndex(Response) reads the body and rebuilds the index without blocking the page.
    index = api === undefined ? await library.loadIndex(await download) : remoteIndex(api)
  } catch (error) {
    return showError('The search index could not be loaded.', error, `Index URL: ${url}`)
  }
  performance.mark('search-box:index-loaded')
  root.dataset.state = 'ready'
  results.setAttribute('aria-busy', 'false')
  state.query = input.value // keep what was typed while loading
  searchNow()
}

/** The failed state: say what failed, with the error's own message. */
function showError(heading, error, where) {
  root.dataset.state = 'error'
  results.setAttribute('aria-busy', 'false')
  status.textContent = 'Search is unavailable.'
  const title = document.createElement('strong')
  title.textContent = heading
  const detail = document.createElement('p')
  detail.textContent = error instanceof Error ? error.message : String(error)
  errorBox.replaceChildren(title, detail)
  if (where !== undefined) {
    const source = document.createElement('p')
    source.className = 'search-error-url'
    source.textContent = where
    errorBox.append(source)
  }
  errorBox.hidden = false
  input.disabled = true
}

start()
