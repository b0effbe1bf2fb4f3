// The timeline: the date histogram (`facets: { date: { interval } }`) as bars
// across time, BC to present. Example code, not part of the library.
//
// - Drag across the bars to set the date range; click a bar for its century
//   (decade, year); Shift+click extends the range to it.
// - The bars are buttons with tabindex="-1": clickable, but not one tab stop
//   each. The keyboard control is two sliders (start, end) that step one bar
//   at a time; the list of bars, with their labels and counts, is the text
//   alternative a screen reader reads.
// - Zoom: "Zoom to range" shows only the selected range, by decade or year.
//
// Bars are placed by bucket number, like the library counts them: buckets are
// numbered consecutively through the BC/AD boundary (there is no year 0), so
// equal buckets are equal widths and empty ones are gaps.

/** Width in years and first AD year of each bucket size (as in the library's date facet). */
const bucketSizes = { year: [1, 1], decade: [10, 0], century: [100, 1] }

/** The bucket a year falls in: 0 is the first AD bucket, -1 the last BC one. */
export function bucketOf(year, interval) {
  const [width, first] = bucketSizes[interval]
  return year > 0 ? Math.floor((year - first) / width) : -Math.floor((-year - first) / width) - 1
}

/** First and last year of a bucket (negative for BC). */
export function bucketYears(bucket, interval) {
  const [width, first] = bucketSizes[interval]
  const n = bucket < 0 ? -bucket - 1 : bucket
  const near = Math.max(1, n * width + first)
  const far = n * width + first + width - 1
  return bucket < 0 ? { from: -far, to: -near } : { from: near, to: far }
}

/** The axis spans at least this many buckets. */
const minimumBars = 12

/** `-490` → `490 BC`. */
const yearText = (year) => (year < 0 ? `${-year} BC` : String(year))

/** The bucket's name for sliders and the axis: `1860s`, `19th century`, `490 BC`. */
function bucketName(bucket, interval) {
  const { from, to } = bucketYears(bucket, interval)
  if (interval === 'year') return yearText(from)
  const bc = bucket < 0
  const n = bc ? -bucket - 1 : bucket
  const name = interval === 'decade' ? `${n * 10}s` : `${ordinal(n + 1)} century`
  return `${name}${bc ? ' BC' : ''} (${yearText(from)}–${yearText(to)})`
}

function ordinal(n) {
  const tens = n % 100
  return `${n}${tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`
}

/** The next finer bucket size: zooming in goes century → decade → year. */
export const finer = { century: 'decade', decade: 'year', year: 'year' }

/**
 * Wire up the timeline's elements. `onRange(from, to)` is called with years
 * (negative for BC) when the user picks a range, or with nothing to clear it.
 */
export function createTimeline({ list, brush, fromSlider, toSlider, startLabel, endLabel }, { onRange }) {
  /** What the last render showed: the first bucket, how many, their size, the filter, whether zoomed. */
  let shown = { first: 0, count: 0, interval: 'century', filter: undefined, zoomed: false }
  /** A drag in progress: the bucket it started on and the pointer's start. */
  let drag
  /** Set when a drag ended, so the click that follows it is not read as a bar click. */
  let dragged = false

  /** The bucket under a pointer's x position. */
  function bucketAt(clientX) {
    const box = list.getBoundingClientRect()
    const position = Math.min(0.9999, Math.max(0, (clientX - box.left) / box.width))
    return shown.first + Math.floor(position * shown.count)
  }

  /** The years from bucket `a` to bucket `b`, in either order. */
  function rangeOf(a, b) {
    return [bucketYears(Math.min(a, b), shown.interval).from, bucketYears(Math.max(a, b), shown.interval).to]
  }

  function showBrush(a, b) {
    const left = (Math.min(a, b) - shown.first) / shown.count
    const width = (Math.abs(a - b) + 1) / shown.count
    brush.style.left = `${left * 100}%`
    brush.style.width = `${width * 100}%`
    brush.hidden = false
  }

  list.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || shown.count === 0) return
    drag = { start: bucketAt(event.clientX), x: event.clientX, id: event.pointerId }
    dragged = false
  })
  list.addEventListener('pointermove', (event) => {
    if (drag === undefined || event.pointerId !== drag.id) return
    // Capture only once it is a drag: a captured pointer's click would go to
    // the list, not to the bar under it.
    if (!dragged && Math.abs(event.clientX - drag.x) < 4) return
    if (!dragged) list.setPointerCapture(drag.id)
    dragged = true
    showBrush(drag.start, bucketAt(event.clientX))
  })
  const endDrag = (event) => {
    if (drag === undefined || event.pointerId !== drag.id) return
    const start = drag.start
    drag = undefined
    brush.hidden = true
    if (dragged && event.type === 'pointerup') onRange(...rangeOf(start, bucketAt(event.clientX)))
  }
  list.addEventListener('pointerup', endDrag)
  list.addEventListener('pointercancel', endDrag)

  list.addEventListener('click', (event) => {
    const bar = event.target.closest('button.bar')
    if (dragged || bar === null) return
    let from = Number(bar.dataset.from)
    let to = Number(bar.dataset.to)
    const current = shown.filter
    if (event.shiftKey && current !== undefined) {
      // Shift+click extends the current range to cover this bar.
      from = Math.min(from, current.from ?? from)
      to = Math.max(to, current.to ?? to)
    } else if (current?.from === from && current?.to === to) {
      // Clicking the only selected bar again clears the range.
      return onRange()
    }
    onRange(from, to)
  })

  // The sliders step one bar. Both at the ends of the whole timeline means no range.
  const slid = () => {
    const a = Number(fromSlider.value)
    const b = Number(toSlider.value)
    const whole = Math.min(a, b) <= shown.first && Math.max(a, b) >= shown.first + shown.count - 1
    if (whole && !shown.zoomed) return onRange()
    onRange(...rangeOf(a, b))
  }
  fromSlider.addEventListener('input', slid)
  toSlider.addEventListener('input', slid)

  /**
   * Draw `buckets` (the date facet's counts) with `interval`-sized bars;
   * `filter` ({ from, to } years) marks the bars in range; `zoom` ({ from, to })
   * limits the bars shown, else they span every bucket with articles.
   */
  function render(buckets, interval, filter, zoom) {
    const numbers = buckets.map((bucket) => bucketOf(bucket.from, interval))
    const empty = buckets.length === 0 && zoom === undefined
    let first = empty ? 0 : zoom === undefined ? Math.min(...numbers) : bucketOf(zoom.from, interval)
    let last = empty ? -1 : zoom === undefined ? Math.max(...numbers) : bucketOf(zoom.to, interval)
    if (!empty && zoom === undefined && last - first + 1 < minimumBars) {
      // A few buckets: widen the axis around them (up to the present), so one century is not the whole width.
      const present = bucketOf(new Date().getFullYear(), interval)
      last = Math.min(Math.max(last, present), last + Math.ceil((minimumBars - (last - first + 1)) / 2))
      first = last - minimumBars + 1
    }
    shown = { first, count: last - first + 1, interval, filter, zoomed: zoom !== undefined }
    const max = Math.max(1, ...buckets.map((b) => b.count))
    const from = filter?.from ?? -Infinity
    const to = filter?.to ?? Infinity

    list.replaceChildren(
      ...buckets.map((bucket, i) => {
        const item = document.createElement('li')
        item.className = 'bar-slot'
        // Outside a zoomed view: not drawn, and not read out either.
        item.hidden = numbers[i] < first || numbers[i] > last
        item.style.left = `${((numbers[i] - first) / shown.count) * 100}%`
        item.style.width = `${100 / shown.count}%`
        const bar = document.createElement('button')
        bar.type = 'button'
        bar.tabIndex = -1
        bar.className = 'bar'
        bar.dataset.from = String(bucket.from)
        bar.dataset.to = String(bucket.to)
        bar.setAttribute('aria-pressed', String(filter !== undefined && bucket.from <= to && bucket.to >= from))
        bar.title = `${bucket.value}: ${bucket.count.toLocaleString()} (click to filter, Shift+click to extend)`
        const label = document.createElement('span')
        label.className = 'bar-label'
        label.textContent = bucket.value
        const fill = document.createElement('span')
        fill.className = 'bar-fill'
        fill.style.height = `${Math.max(4, (bucket.count / max) * 100)}%`
        const count = document.createElement('span')
        count.className = 'bar-count'
        count.textContent = `: ${bucket.count.toLocaleString()}`
        bar.append(label, fill, count)
        item.append(bar)
        return item
      }),
    )
    if (buckets.length === 0) {
      const none = document.createElement('li')
      none.className = 'facet-none'
      none.textContent = 'No dated articles in these results'
      list.append(none)
    }

    startLabel.textContent = shown.count > 0 ? yearText(bucketYears(first, interval).from) : ''
    endLabel.textContent = shown.count > 0 ? yearText(bucketYears(last, interval).to) : ''
    for (const [slider, end] of [
      [fromSlider, filter?.from],
      [toSlider, filter?.to],
    ]) {
      slider.min = String(first)
      slider.max = String(Math.max(first, last))
      slider.disabled = shown.count === 0
      const at = end === undefined || !Number.isFinite(end) ? undefined : bucketOf(end, interval)
      const value = at ?? (slider === fromSlider ? first : last)
      slider.value = String(Math.min(Math.max(first, last), Math.max(first, value)))
      slider.setAttribute('aria-valuetext', shown.count > 0 ? bucketName(Number(slider.value), interval) : 'no dates')
    }
  }

  return { render }
}
