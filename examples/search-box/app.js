// A search box over an infobox-search index: search as you type, chips for
// the filters a query names, facet checkboxes, a date range with a timeline,
// a map of where the results are, highlighted snippets, state in the URL,
// keyboard navigation, a filters panel on phones. Plain DOM, no framework, no
// build step. The chips, timeline and map are modules beside this one.
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
import { renderActive, renderSuggested } from './chips.js'
import { createTimeline, finer } from './timeline.js'

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
const mapPanel = $('map-panel')
const filtersToggle = $('filters-toggle')

/**
 * Facets shown as checkbox lists, when the index has them, and how they are
 * counted. `country`: modern countries (ISO codes with English names), from
 * the coordinates or the place text. `place` with `level: 0`: the broadest
 * place as the infobox links it (historical states included); drop `level`
 * to list every place value (cities, regions, battlefields…).
 */
const listedFacets = { country: { limit: 1000 }, place: { level: 0, limit: 1000 }, combatant: { limit: 1000 } }
/** The map's grey circles count all the results per cell of this many degrees (the `coordinates` facet). */
const mapCell = 5
/** Results per page, and facet values shown before "Show more". */
const pageSize = 20
const facetPreview = 8
/** Wait this long after the last keystroke before searching. */
const debounceMs = 120
/** The facets a search server (`?api=`) counts: `createPostgresSearch` has no countries or coordinates yet. */
const serverFacets = ['date', 'place', 'combatant', 'kind']
/** URL parameters that are not facet filters. */
const reservedParams = new Set(['q', 'from', 'to', 'box', 'interval', 'zoom', 'sort', 'index', 'api'])
/** Phones: the filters open from a button, as a panel; the map starts closed. */
const phone = matchMedia('(max-width: 640px)')

/** Everything the URL holds: enough to reproduce a search. */
const state = {
  query: '',
  /** Facet → values ticked (values of one facet are OR-ed, facets AND-ed). */
  filters: {},
  from: '',
  to: '',
  /** The map's area, `{ west, south, east, north }`, or undefined. */
  box: undefined,
  /** The timeline's bars: century, decade or year. */
  interval: 'century',
  /** The timeline's zoomed range `{ from, to }` (years), or undefined for all time. */
  zoom: undefined,
  sort: '',
}
/** View state that is not shared: paging, expanded and searched facet lists, the active result, labels seen. */
const view = {
  limit: pageSize,
  expanded: new Set(),
  facetSearch: {},
  facetCounts: {},
  active: -1,
  hits: [],
  /** `facet\0value` → the label to show for it (country codes → names). */
  labels: new Map(),
  lastResult: undefined,
  firstQueryMarked: false,
}
/** The index (see `fileIndex`, `chunkedIndex`, `serverIndex`); undefined until loaded. */
let index
/** The facets the index has. */
let indexFacets = []
/** Numbers searches, so a slow answer never replaces a newer one. */
let searchCount = 0
/** Aborts the search in flight when a newer one starts (a chunked index stops fetching for it). */
let searchController
/** The map, once map.js and the world's outlines are loaded (undefined without coordinates). */
let map

const timeline = createTimeline(
  {
    list: $('date-histogram'),
    brush: $('timeline-brush'),
    fromSlider: $('timeline-from'),
    toSlider: $('timeline-to'),
    startLabel: $('timeline-start'),
    endLabel: $('timeline-end'),
  },
  { onRange: (from, to) => setDates(formatYear(from) ?? '', formatYear(to) ?? '', searchSoon) },
)

const has = (facet) => indexFacets.includes(facet)

// ---------------------------------------------------------------- URL state

/** Read the search from the URL (`?q=…&place=…&place=…&from=-490&to=1945&box=-10,35,30,60`). */
function readUrl() {
  const params = new URLSearchParams(location.search)
  state.query = params.get('q') ?? ''
  state.filters = {}
  for (const [name, value] of params) if (!reservedParams.has(name)) (state.filters[name] ??= []).push(value)
  state.from = params.get('from') ?? ''
  state.to = params.get('to') ?? ''
  state.box = readNumbers(params.get('box'), 4, ([west, south, east, north]) => ({ west, south, east, north }))
  const interval = params.get('interval')
  state.interval = interval === 'decade' || interval === 'year' ? interval : 'century'
  state.zoom = readNumbers(params.get('zoom'), 2, ([from, to]) => ({ from, to }))
  const sort = params.get('sort') ?? ''
  state.sort = sort === 'date' || sort === '-date' ? sort : ''
}

/** `"-10,35,30,60"` → `make([-10, 35, 30, 60])`, or undefined unless it is `count` numbers. */
function readNumbers(text, count, make) {
  const numbers = (text ?? '').split(',').map(Number)
  return numbers.length === count && numbers.every(Number.isFinite) ? make(numbers) : undefined
}

/** Write the search to the URL without adding a history entry, so it can be shared. */
function writeUrl() {
  const params = new URLSearchParams()
  for (const name of ['index', 'api']) {
    const keep = new URLSearchParams(location.search).get(name)
    if (keep !== null) params.set(name, keep)
  }
  if (state.query.trim() !== '') params.set('q', state.query)
  for (const [name, values] of Object.entries(state.filters)) for (const value of values) params.append(name, value)
  // Store the year as a number when it parses ("480 BC" → -480), else as typed.
  const from = parseYear(state.from)
  const to = parseYear(state.to)
  if (state.from.trim() !== '') params.set('from', typeof from === 'number' ? String(from) : state.from)
  if (state.to.trim() !== '') params.set('to', typeof to === 'number' ? String(to) : state.to)
  if (state.box !== undefined) params.set('box', [state.box.west, state.box.south, state.box.east, state.box.north])
  if (state.interval !== 'century') params.set('interval', state.interval)
  if (state.zoom !== undefined) params.set('zoom', [state.zoom.from, state.zoom.to])
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

/** `{ west: -10, south: 35, east: 30, north: 60 }` → `10°W–30°E, 35°N–60°N`. */
function formatBox({ west, south, east, north }) {
  const lon = (x) => `${Math.abs(x)}°${x < 0 ? 'W' : 'E'}`
  const lat = (y) => `${Math.abs(y)}°${y < 0 ? 'S' : 'N'}`
  return `${lon(west)}–${lon(east)}, ${lat(south)}–${lat(north)}`
}

// ---------------------------------------------------------------- search

/** The filters in force, as `search` takes them (facets this index lacks are left out). */
function searchFilters(date) {
  const filters = {}
  for (const [name, values] of Object.entries(state.filters)) if (values.length > 0 && has(name)) filters[name] = values
  if (date !== undefined) filters.date = date
  if (state.box !== undefined && has('coordinates')) filters.coordinates = { box: state.box }
  return filters
}

/** The facets to count: the lists, the timeline's histogram, the map's grid. */
function facetRequests() {
  // Counts are disjunctive: a facet's counts ignore its own filter, so
  // ticking a second place adds to the results instead of emptying them.
  const requests = { date: { interval: state.interval } }
  for (const [name, request] of Object.entries(listedFacets)) if (has(name)) requests[name] = request
  if (has('coordinates')) requests.coordinates = { cell: mapCell }
  return requests
}

async function search() {
  if (index === undefined) return
  const count = ++searchCount
  // Typing fast: the previous search is given up (a chunked index stops waiting for its chunks).
  searchController?.abort()
  const controller = (searchController = new AbortController())
  const date = dateFilter()
  dateError.hidden = date.error === undefined
  dateError.textContent = date.error ?? ''
  for (const field of [dateFrom, dateTo])
    field.setAttribute('aria-invalid', String(date.error !== undefined && parseYear(field.value) !== undefined))

  let result
  try {
    const options = {
      filters: searchFilters(date.filter),
      facets: facetRequests(),
      limit: view.limit,
      ...(state.sort === '' ? {} : { sort: state.sort }),
    }
    result = await index.search(state.query, options, controller.signal)
  } catch (error) {
    // Aborted: a newer search is on its way. Otherwise, e.g. a chunk that could not be fetched.
    if (controller.signal.aborted || count !== searchCount) return
    status.textContent = error instanceof Error ? error.message : String(error)
    return
  }
  if (count !== searchCount) return
  view.lastResult = result
  rememberLabels(result)
  // Without a query the default order is newest first, so say so.
  sortSelect.options[0].textContent = state.query.trim() === '' ? 'Newest first' : 'Relevance'
  sortSelect.options[1].hidden = state.query.trim() === ''
  renderResults(result)
  renderChips(result, date.filter)
  for (const name of Object.keys(listedFacets)) renderFacet(name, result.facets[name] ?? [])
  timeline.render(result.facets.date ?? [], state.interval, date.filter, state.zoom)
  renderZoomButtons(date.filter)
  renderMap(result)
  for (const button of root.querySelectorAll('[data-clear]')) button.hidden = !isFiltered(button.dataset.clear ?? '')
  const active = activeFilters().length
  $('filters-count').textContent = active === 0 ? '' : ` (${active})`

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

/** Facet values' labels (country codes → names), for chips of filters set before the lists show them. */
function rememberLabels(result) {
  for (const [facet, counts] of Object.entries(result.facets))
    for (const { value, label } of counts) if (label !== undefined) view.labels.set(`${facet}\0${value}`, label)
}
const labelOf = (facet, value) => view.labels.get(`${facet}\0${value}`) ?? value

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
  // The option is the link itself: nothing interactive inside an option (axe's
  // nested-interactive), and Tab reaches every result.
  results.innerHTML = result.hits
    .map((hit, i) => {
      const meta = [
        hit.date ? `<span class="hit-date">${escapeHtml(hit.date)}</span>` : '',
        hit.place ? `<span class="hit-place">${escapeHtml(hit.place)}</span>` : '',
      ].filter(Boolean)
      return `<li class="hit" role="presentation">
        <a class="hit-link" role="option" id="hit-${i}" aria-selected="false" href="${escapeHtml(articleUrl(hit))}">
          <span class="hit-title">${escapeHtml(hit.title)}</span>
          <span class="hit-details">
            ${hit.shortDescription ? `<span class="hit-description">${escapeHtml(hit.shortDescription)}</span>` : ''}
            ${meta.length > 0 ? `<span class="hit-meta">${meta.join('')}</span>` : ''}
            <span class="hit-snippet">${highlight(hit.snippet)}</span>
          </span>
        </a>
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
    // Offer completions of the last word, e.g. "gettys" → "gettysburg" (not from a search server).
    const query = state.query
    index.suggest(query, { limit: 3 }).then(
      (suggestions) => {
        if (suggestions.length === 0 || state.query !== query || !empty.isConnected) return
        const line = document.createElement('p')
        line.append('Try ')
        suggestions.forEach(({ suggestion }, i) => {
          if (i > 0) line.append(', ')
          line.append(button(suggestion, () => setQuery(suggestion)))
        })
        empty.append(line)
      },
      () => {},
    )
  }
}

/** Suggested chips (the query's filters not yet applied) and the active filters' chips. */
function renderChips(result, date) {
  const applied = (suggestion) =>
    suggestion.facet === 'date'
      ? date?.from === suggestion.from && date?.to === suggestion.to
      : suggestion.values.every((value) => state.filters[suggestion.facet]?.includes(value))
  const offered = result.suggestedFilters.filter((s) => (s.facet === 'date' || has(s.facet)) && !applied(s))
  const rows = [$('suggested-filters'), $('active-filters')]
  const focused = rows.find((row) => row.contains(document.activeElement))
  renderSuggested(rows[0], offered, applySuggestion)
  renderActive(rows[1], activeFilters(), () => clearFilters())
  // The chip clicked is gone: keep the keyboard in its row, else go back to the box.
  if (focused !== undefined && !focused.contains(document.activeElement))
    (focused.querySelector('button') ?? input).focus()
}

/** Every filter in force, with its label and how to remove it. */
function activeFilters() {
  const active = []
  const date = dateFilter().filter
  if (date !== undefined)
    active.push({
      facet: 'date',
      label: `${formatYear(date.from) ?? '…'}–${formatYear(date.to) ?? '…'}`,
      remove: () => setDates('', ''),
    })
  for (const [facet, values] of Object.entries(state.filters))
    for (const value of values)
      active.push({
        facet,
        label: labelOf(facet, value),
        remove: () => {
          state.filters[facet] = state.filters[facet].filter((v) => v !== value)
          searchNow()
        },
      })
  if (state.box !== undefined) active.push({ facet: 'coordinates', label: formatBox(state.box), remove: clearBox })
  return active
}

/** Whether a facet (or `date`, `coordinates`) has a filter in force. */
function isFiltered(name) {
  if (name === 'date') return state.from !== '' || state.to !== ''
  if (name === 'coordinates') return state.box !== undefined
  return (state.filters[name] ?? []).length > 0
}

/**
 * One facet as checkboxes; values with a zero count stay only while ticked.
 * Long lists get a search box and "Show all".
 */
function renderFacet(name, counts) {
  const section = root.querySelector(`[data-section="${name}"]`)
  section.hidden = !has(name)
  view.facetCounts[name] = counts
  const list = root.querySelector(`ul[data-facet="${name}"]`)
  // The list is drawn anew: a checkbox ticked from the keyboard gets the focus back.
  const focused = list.contains(document.activeElement) ? document.activeElement.value : undefined
  const selected = new Set(state.filters[name] ?? [])
  const expanded = view.expanded.has(name)
  // A ticked value the index does not have (e.g. from an old shared URL) still
  // gets its checkbox, so it can be unticked.
  const missing = [...selected]
    .filter((value) => !counts.some((c) => c.value === value))
    .map((value) => ({ value, count: undefined }))
  const all = [...counts, ...missing]
  const wanted = fold(view.facetSearch[name] ?? '')
  const shown =
    wanted !== ''
      ? all.filter((c) => selected.has(c.value) || fold(`${c.label ?? ''} ${c.value}`).includes(wanted))
      : expanded
        ? all
        : all.filter((c, i) => i < facetPreview || selected.has(c.value))
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
  if (focused !== undefined) list.querySelector(`input[value="${CSS.escape(focused)}"]`)?.focus()
  if (shown.length === 0) {
    const none = document.createElement('li')
    none.className = 'facet-none'
    none.textContent = all.length === 0 ? 'None in these results' : 'No match'
    list.append(none)
  }
  const long = all.length > facetPreview
  root.querySelector(`[data-search="${name}"]`).hidden = !long && wanted === ''
  const more = root.querySelector(`[data-more="${name}"]`)
  more.hidden = !long || wanted !== ''
  more.textContent = expanded ? 'Show fewer' : `Show all ${all.length}`
}

/** Lower case without diacritics, for the facet search boxes ("ł" stays "ł": good enough here). */
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()

/** "Zoom to range" needs a range with both ends; "All time" shows when zoomed. */
function renderZoomButtons(date) {
  const zoomIn = $('timeline-zoom-in')
  zoomIn.disabled = date?.from === undefined || date?.to === undefined || state.interval === 'year'
  zoomIn.textContent = `Zoom to range, by ${finer[state.interval]}`
  $('timeline-zoom-out').hidden = state.zoom === undefined
}

function renderMap(result) {
  mapPanel.hidden = !has('coordinates')
  if (map === undefined || !has('coordinates')) return
  const grid = result.facets.coordinates ?? []
  map.render({ hits: result.hits, grid, box: state.box })
  // The text alternative: what the dots and circles show.
  const dots = result.hits.filter((hit) => hit.coordinates !== undefined).length
  const located = grid.reduce((sum, cell) => sum + cell.count, 0)
  $('map-summary').textContent =
    `${dots} of the ${result.hits.length} results listed are dots on the map (hover or focus one for its title); ` +
    `${located.toLocaleString()} of all ${result.total.toLocaleString()} results have a place on it (grey circles, per ${mapCell}° cell)` +
    (state.box === undefined ? '.' : `, inside the area ${formatBox(state.box)}.`)
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

// On a result reached with Tab: arrows go to the next or previous one, Escape back to the box.
results.addEventListener('keydown', (event) => {
  const options = [...results.querySelectorAll('[role="option"]')]
  const at = options.indexOf(event.target)
  if (at < 0) return
  const next = { ArrowDown: at + 1, ArrowUp: at - 1 }[event.key]
  if (next !== undefined) options[Math.max(0, Math.min(options.length - 1, next))]?.focus()
  else if (event.key === 'Escape') input.focus()
  else return
  event.preventDefault()
})

// ---------------------------------------------------------------- events

input.addEventListener('input', () => {
  state.query = input.value
  searchSoon()
})
root.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault())

root.addEventListener('change', (event) => {
  const target = event.target
  if (target.type === 'checkbox' && target.closest('ul[data-facet]')) {
    const values = new Set(state.filters[target.name] ?? [])
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

// Facet search boxes: narrow a long list as you type (no search runs).
root.addEventListener('input', (event) => {
  const name = event.target.dataset?.search
  if (name === undefined) return
  view.facetSearch[name] = event.target.value
  renderFacet(name, view.facetCounts[name] ?? [])
})

root.addEventListener('click', (event) => {
  const target = event.target
  const clear = target.closest('[data-clear]')?.getAttribute('data-clear')
  if (clear === 'date') setDates('', '')
  else if (clear === 'coordinates') clearBox()
  else if (clear) {
    state.filters[clear] = []
    searchNow()
  }
  const more = target.closest('[data-more]')?.getAttribute('data-more')
  if (more) {
    if (view.expanded.has(more)) view.expanded.delete(more)
    else view.expanded.add(more)
    renderFacet(more, view.facetCounts[more] ?? [])
  }
  const mapAction = target.closest('[data-map]')?.getAttribute('data-map')
  if (mapAction === 'in') map?.zoomIn()
  else if (mapAction === 'out') map?.zoomOut()
  else if (mapAction === 'filter' && map !== undefined) setBox(map.viewBox())
})

$('timeline-zoom-in').addEventListener('click', () => {
  const date = dateFilter().filter
  if (date?.from === undefined || date?.to === undefined) return
  state.zoom = { from: date.from, to: date.to }
  state.interval = finer[state.interval]
  showState()
  searchNow()
})
$('timeline-zoom-out').addEventListener('click', () => {
  state.zoom = undefined
  state.interval = 'century'
  showState()
  searchNow()
})

moreButton.addEventListener('click', () => {
  view.limit += pageSize
  search()
})

// The filters panel on phones: opened by the Filters button, closed by
// "Show results" or Escape; focus goes into it and back to the button.
function openFilters(open) {
  root.classList.toggle('filters-open', open)
  filtersToggle.setAttribute('aria-expanded', String(open))
  if (open) $('filters-heading').focus()
  else filtersToggle.focus()
}
filtersToggle.addEventListener('click', () => openFilters(!root.classList.contains('filters-open')))
$('filters-close').addEventListener('click', () => openFilters(false))
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && root.classList.contains('filters-open')) openFilters(false)
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

/** Set the date fields and search (`now` by default; the timeline's sliders debounce). */
function setDates(from, to, then = searchNow) {
  state.from = from
  state.to = to
  dateFrom.value = from
  dateTo.value = to
  then()
}

function setBox(box) {
  state.box = box
  searchNow()
}
function clearBox() {
  setBox(undefined)
}

function clearFilters() {
  state.filters = {}
  state.box = undefined
  setDates('', '')
}

/**
 * A chip: apply the filter the query names, and take its words out of the
 * query, since the filter now says it (left in, "18th century" would also
 * match the words in article text). Its × chip removes the filter again.
 */
function applySuggestion(suggestion) {
  if (suggestion.facet === 'date') {
    state.from = formatYear(suggestion.from) ?? ''
    state.to = formatYear(suggestion.to) ?? ''
    showState()
  } else {
    const values = new Set(state.filters[suggestion.facet] ?? [])
    for (const value of suggestion.values) {
      values.add(value)
      if (suggestion.values.length === 1) view.labels.set(`${suggestion.facet}\0${value}`, suggestion.label)
    }
    state.filters[suggestion.facet] = [...values]
  }
  state.query = withoutWords(state.query, suggestion.text)
  input.value = state.query
  searchNow()
}

/** `query` without the first occurrence of `words` (any case), spaces tidied. */
function withoutWords(query, words) {
  const at = query.toLowerCase().indexOf(words.toLowerCase())
  if (at < 0) return query
  return `${query.slice(0, at)} ${query.slice(at + words.length)}`.replace(/\s+/g, ' ').trim()
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

// ---------------------------------------------------------------- indexes

/** A search server's URL: `?api=` (same site only) or the page's `data-search-url`; undefined for none. */
function apiUrl() {
  const given = new URLSearchParams(location.search).get('api') ?? root.dataset.searchUrl
  if (given === undefined || given === null || given === '') return undefined
  const url = new URL(given, location.href)
  if (url.origin !== location.origin)
    throw new Error(`the search server must be on this site (${location.origin}), not ${url.origin}`)
  return url
}

/** The index to load: `?index=` (same site only) or the page's `data-index`; a folder means its index.json. */
function indexUrl() {
  const url = new URL(
    new URLSearchParams(location.search).get('index') ?? root.dataset.index ?? './search-index.json',
    location.href,
  )
  if (url.origin !== location.origin)
    throw new Error(`the index must be on this site (${location.origin}), not ${url.origin}`)
  if (url.pathname.endsWith('/')) url.pathname += 'index.json'
  return url
}

// The three kinds of index behind one interface: `search(query, options,
// signal)` and `suggest(prefix, options)` return promises, `facetNames` lists
// what can be filtered and counted.

/** A single-file index (`build --out`): searched in memory, nothing to abort. */
function fileIndex(loaded) {
  return {
    facetNames: loaded.facetNames,
    search: async (query, options) => loaded.search(query, options),
    suggest: async (prefix, options) => loaded.suggest(prefix, options),
  }
}

/** A chunked index (`build --chunked`): each search fetches the chunks it needs; a newer search aborts an older one. */
function chunkedIndex(loaded) {
  return {
    facetNames: loaded.facetNames,
    search: (query, options, signal) => loaded.search(query, { ...options, signal }),
    suggest: (prefix, options) => loaded.suggest(prefix, options),
  }
}

/** `search` over HTTP: POST { query, options } to `createSearchHandler`, the same result back. */
function serverIndex(url) {
  return {
    facetNames: (root.dataset.searchFacets?.split(',') ?? serverFacets).map((name) => name.trim()),
    async search(query, options, signal) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, options }),
        signal,
      })
      const body = await response.json().catch(() => undefined)
      if (!response.ok) throw new Error(body?.error?.message ?? `The search server answered ${response.status}.`)
      return body
    },
  }
}

/**
 * Open the index at `url` from its `download`: a single file, or the manifest
 * of a chunked index, told apart by its `format`. The manifest already read
 * is handed to `loadChunkedIndex`, so it is not fetched twice.
 */
async function openIndex(library, url, download) {
  const response = await download
  if (!response.ok)
    throw new Error(`the server answered ${response.status} ${response.statusText} for ${url}; check the URL`)
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    return fileIndex(library.loadIndex(text)) // throws, saying what the text is (HTML? truncated?)
  }
  if (json?.format !== 'infobox-search-chunked') return fileIndex(library.loadIndex(json))
  const fetchChunk = (chunkUrl) => (chunkUrl === url ? Promise.resolve(new Response(text)) : fetch(chunkUrl))
  return chunkedIndex(await library.loadChunkedIndex(url, { fetch: fetchChunk }))
}

/** Load map.js and the world's outlines; without them the page works, with a note where the map was. */
async function startMap() {
  try {
    const { createMap } = await import('./map.js')
    map = await createMap(
      { svg: $('map-svg'), tooltip: $('map-tooltip'), worldUrl: root.dataset.worldUrl },
      { onBox: setBox, hitUrl: articleUrl },
    )
    if (view.lastResult !== undefined) renderMap(view.lastResult)
  } catch (error) {
    $('map-summary').textContent = `The map could not be loaded: ${error instanceof Error ? error.message : error}`
  }
}

// ---------------------------------------------------------------- start

async function start() {
  readUrl()
  showState()
  if (phone.matches) mapPanel.open = false
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
    index = api === undefined ? await openIndex(library, url, download) : serverIndex(api)
  } catch (error) {
    return showError('The search index could not be loaded.', error, `Index URL: ${url}`)
  }
  indexFacets = index.facetNames
  performance.mark('search-box:index-loaded')
  root.dataset.state = 'ready'
  results.setAttribute('aria-busy', 'false')
  state.query = input.value // keep what was typed while loading
  searchNow()
  if (has('coordinates')) startMap()
  else mapPanel.hidden = true
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
