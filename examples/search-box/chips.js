// Chips above the results. Example code, not part of the library.
//
// - Suggested: the filters the query names (`result.suggestedFilters`:
//   "18th century", "Bavaria", "battles" → military conflict), one click to
//   apply. They are buttons, so Tab reaches them and Enter or Space applies one.
// - Active: every filter in force, whatever set it (a chip, a checkbox, the
//   timeline, the map), one click to remove; and "Clear all".
//
// Labels are article text: they reach the page through `textContent` only.

/** How a facet is named on a chip. */
const facetNames = {
  date: 'Date',
  place: 'Place',
  combatant: 'Combatant',
  country: 'Country',
  continent: 'Continent',
  kind: 'Kind',
  coordinates: 'Area',
}
export const facetName = (facet) => facetNames[facet] ?? facet.charAt(0).toUpperCase() + facet.slice(1)

/**
 * A chip button of `parts` (`[text, class]`). Its name is its text, so what a
 * voice-control user reads on it is what they can say; the + and × icons are
 * not read, the words "Filter by" and "Remove" are read but not shown.
 */
function chip(className, parts, onClick) {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = `chip ${className}`
  for (const [text, partClass] of parts) {
    const span = document.createElement('span')
    span.className = partClass
    span.textContent = text
    if (partClass === 'chip-icon') span.setAttribute('aria-hidden', 'true')
    button.append(span)
  }
  button.addEventListener('click', onClick)
  return button
}

/** Offer `suggestions` (`SuggestedFilter`s not yet applied); `onApply(suggestion)` applies one. */
export function renderSuggested(row, suggestions, onApply) {
  row.replaceChildren()
  row.hidden = suggestions.length === 0
  if (row.hidden) return
  const intro = document.createElement('span')
  intro.className = 'chip-intro'
  intro.textContent = 'Filter by'
  row.append(intro)
  for (const suggestion of suggestions) {
    const name = facetName(suggestion.facet)
    const button = chip(
      'chip-suggested',
      [
        ['+', 'chip-icon'],
        ['Filter by ', 'visually-hidden'],
        [suggestion.label, 'chip-label'],
        [` ${name.toLowerCase()}`, 'chip-facet'],
      ],
      () => onApply(suggestion),
    )
    button.title = `“${suggestion.text}” in your query names this ${name.toLowerCase()}`
    row.append(button)
  }
}

/**
 * Show `filters` (`{ facet, label, remove }` for each filter in force), each
 * removed by its chip, and "Clear all" when there are any.
 */
export function renderActive(row, filters, onClearAll) {
  row.replaceChildren()
  row.hidden = filters.length === 0
  if (row.hidden) return
  for (const filter of filters) {
    const name = facetName(filter.facet)
    row.append(
      chip(
        'chip-active',
        [
          ['Remove ', 'visually-hidden'],
          [`${name}: `, 'chip-facet'],
          [filter.label, 'chip-label'],
          ['×', 'chip-icon'],
        ],
        filter.remove,
      ),
    )
  }
  const clear = document.createElement('button')
  clear.type = 'button'
  clear.className = 'link-button clear-all'
  clear.textContent = 'Clear all'
  clear.addEventListener('click', onClearAll)
  row.append(clear)
}
