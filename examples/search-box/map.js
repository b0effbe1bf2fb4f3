// The map: Natural Earth countries (the world-atlas package) drawn offline
// with d3-geo, a dot per result listed, grey circles where all the results
// are (the `coordinates` facet's grid), and a drag-to-select box that sets the
// `coordinates` box filter. Example code, not part of the library: app.js
// imports it only when the index has coordinates, and the search works
// without it.
//
// Keyboard: the map is one tab stop (arrows pan, + and − zoom; "Filter to
// map view" sets the box to what is shown), its dots another (a roving
// tabindex: arrows go from result to result, Enter opens one). Each dot is a
// link named after its result, and focus or hover shows the title.
import { geoEquirectangular, geoPath } from 'd3-geo'
import { feature, mesh } from 'topojson-client'

const svgNS = 'http://www.w3.org/2000/svg'
/** The SVG's own units: 2 per degree. */
const width = 720
const height = 360
/**
 * Equirectangular ("plate carrée"): x and y are linear in longitude and
 * latitude, so a rectangle drawn on the map is exactly a
 * `{ west, south, east, north }` box filter.
 */
const projection = geoEquirectangular()
  .scale(width / (2 * Math.PI))
  .translate([width / 2, height / 2])
/** What the map shows at first: 85° N to 59° S (no empty polar seas), in the SVG's units; zooming keeps its shape. */
const world = { x: 0, y: 10, w: width, h: 298 }
/** Radius in screen pixels of a result's dot. */
const dotPixels = 5
/** How far in the map zooms: a view 1/32 of the world wide. */
const maxZoom = 32

/** `{ lon, lat }` → the SVG's units. */
const toMap = ({ lon, lat }) => projection([lon, lat])
/** The SVG's units → degrees, rounded to 0.01° and kept on the globe. */
function toDegrees([x, y]) {
  const [lon, lat] = projection.invert([Math.min(width, Math.max(0, x)), Math.min(height, Math.max(0, y))])
  return { lon: Math.round(lon * 100) / 100, lat: Math.round(lat * 100) / 100 }
}

function element(name, attributes = {}) {
  const node = document.createElementNS(svgNS, name)
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value))
  return node
}

/**
 * Draw the world into `svg` and return `render`. `onBox(box)` is called with
 * a `{ west, south, east, north }` box (degrees) the user selected;
 * `hitUrl(hit)` is where a dot links to.
 * @throws when the world's outlines cannot be fetched.
 */
export async function createMap({ svg, tooltip, worldUrl }, { onBox, hitUrl }) {
  const response = await fetch(worldUrl)
  if (!response.ok) throw new Error(`the server answered ${response.status} for ${worldUrl}`)
  const topology = await response.json()
  const path = geoPath(projection)
  const countries = topology.objects.countries

  const land = element('path', { class: 'map-land', d: path(feature(topology, countries)) })
  const borders = element('path', { class: 'map-borders', d: path(mesh(topology, countries, (a, b) => a !== b)) })
  const clusters = element('g', { class: 'map-clusters', 'aria-hidden': 'true' })
  const area = element('g', { class: 'map-area', 'aria-hidden': 'true' })
  const dots = element('g', { class: 'map-dots' })
  const brush = element('rect', { class: 'map-brush', visibility: 'hidden', 'aria-hidden': 'true' })
  svg.replaceChildren(land, borders, clusters, area, dots, brush)

  /** The part of the world shown, in the SVG's units (zoomed and panned by the keyboard and buttons). */
  let view = world
  /** The dot that is the dots' one tab stop. */
  let activeDot = 0

  // ------------------------------------------------------------ view

  function setView(next) {
    const w = Math.min(width, Math.max(width / maxZoom, next.w))
    const h = (w * world.h) / world.w
    const x = Math.min(width - w, Math.max(0, next.x))
    const y = Math.min(height - h, Math.max(0, next.y))
    view = { x, y, w, h }
    svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`)
    sizeMarks()
  }

  /** Dots and circles keep their size on screen whatever the zoom. */
  function sizeMarks() {
    const pixels = svg.clientWidth
    if (pixels === 0) return // in a closed <details>: sized when it opens
    const unit = view.w / pixels
    for (const dot of dots.querySelectorAll('circle')) dot.setAttribute('r', String(dotPixels * unit))
    for (const circle of clusters.querySelectorAll('circle'))
      circle.setAttribute('r', String((3 + 2 * Math.sqrt(Number(circle.dataset.count))) * unit))
  }
  new ResizeObserver(sizeMarks).observe(svg)

  function zoom(factor) {
    const w = view.w / factor
    setView({ x: view.x + (view.w - w) / 2, y: view.y + (view.h - (w * world.h) / world.w) / 2, w })
  }
  const pan = (dx, dy) => setView({ ...view, x: view.x + dx * view.w, y: view.y + dy * view.h })

  /** The view as a box filter. */
  function viewBox() {
    const northWest = toDegrees([view.x, view.y])
    const southEast = toDegrees([view.x + view.w, view.y + view.h])
    return { west: northWest.lon, south: southEast.lat, east: southEast.lon, north: northWest.lat }
  }

  // ------------------------------------------------------------ drag to select

  /** A point of a pointer event in the SVG's units. */
  function pointIn(event) {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse())
    return [point.x, point.y]
  }
  let drag
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.target.closest('.map-dot')) return
    drag = { start: pointIn(event), x: event.clientX, y: event.clientY, id: event.pointerId, moved: false }
  })
  svg.addEventListener('pointermove', (event) => {
    if (drag === undefined || event.pointerId !== drag.id) return
    if (!drag.moved && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 4) return
    if (!drag.moved) svg.setPointerCapture(drag.id)
    drag.moved = true
    const [x0, y0] = drag.start
    const [x1, y1] = pointIn(event)
    setRect(brush, Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0))
    brush.setAttribute('visibility', 'visible')
  })
  const endDrag = (event) => {
    if (drag === undefined || event.pointerId !== drag.id) return
    const { start, moved } = drag
    drag = undefined
    brush.setAttribute('visibility', 'hidden')
    if (!moved || event.type !== 'pointerup') return
    const end = pointIn(event)
    const northWest = toDegrees([Math.min(start[0], end[0]), Math.min(start[1], end[1])])
    const southEast = toDegrees([Math.max(start[0], end[0]), Math.max(start[1], end[1])])
    onBox({ west: northWest.lon, south: southEast.lat, east: southEast.lon, north: northWest.lat })
  }
  svg.addEventListener('pointerup', endDrag)
  svg.addEventListener('pointercancel', endDrag)

  // ------------------------------------------------------------ keyboard

  svg.addEventListener('keydown', (event) => {
    const dot = event.target.closest('.map-dot')
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key]
    if (dot !== null) {
      // On a dot: arrows go to the next or previous result; Escape back to the map.
      const all = [...dots.querySelectorAll('.map-dot')]
      const at = all.indexOf(dot)
      const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0 }[event.key]
      const target = event.key === 'End' ? all.length - 1 : next
      if (event.key === 'Escape') svg.focus()
      else if (target === undefined) return
      else focusDot(Math.max(0, Math.min(all.length - 1, target)))
      event.preventDefault()
    } else if (event.target === svg) {
      if (step !== undefined) pan(step[0] / 8, step[1] / 8)
      else if (event.key === '+' || event.key === '=') zoom(2)
      else if (event.key === '-' || event.key === '_') zoom(0.5)
      else return
      event.preventDefault()
    }
  })

  function focusDot(position) {
    const all = dots.querySelectorAll('.map-dot')
    all[activeDot]?.setAttribute('tabindex', '-1')
    activeDot = position
    all[position]?.setAttribute('tabindex', '0')
    all[position]?.focus()
  }

  // ------------------------------------------------------------ tooltip

  function showTooltip(dot) {
    const circle = dot.querySelector('circle')
    const point = new DOMPoint(Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy'))).matrixTransform(
      svg.getScreenCTM(),
    )
    const frame = svg.parentElement.getBoundingClientRect()
    tooltip.textContent = dot.dataset.title
    tooltip.style.left = `${point.x - frame.left}px`
    tooltip.style.top = `${point.y - frame.top}px`
    tooltip.hidden = false
  }
  const hideTooltip = () => (tooltip.hidden = true)
  dots.addEventListener('focusin', (event) => showTooltip(event.target.closest('.map-dot')))
  dots.addEventListener('focusout', hideTooltip)
  dots.addEventListener('pointerover', (event) => {
    const dot = event.target.closest('.map-dot')
    if (dot !== null) showTooltip(dot)
  })
  dots.addEventListener('pointerout', hideTooltip)

  // ------------------------------------------------------------ render

  /**
   * Show `hits` (those with coordinates) as dots in rank order, `grid` (the
   * coordinates facet's `GeoBucket`s) as circles, and `box` as the selected area.
   */
  function render({ hits, grid, box }) {
    clusters.replaceChildren(
      ...grid.map((cell) => {
        const [cx, cy] = toMap(cell)
        const circle = element('circle', { class: 'map-cluster', cx, cy, 'data-count': cell.count })
        const title = element('title')
        title.textContent = `${cell.count} ${cell.count === 1 ? 'result' : 'results'}`
        circle.append(title)
        return circle
      }),
    )
    const located = hits.filter((hit) => hit.coordinates !== undefined)
    activeDot = 0
    dots.replaceChildren(
      ...located.map((hit, i) => {
        const [cx, cy] = toMap(hit.coordinates)
        const link = element('a', {
          class: 'map-dot',
          href: hitUrl(hit),
          tabindex: i === 0 ? 0 : -1,
          'data-id': hit.id,
          'aria-label': `${hits.indexOf(hit) + 1}. ${hit.title}`,
        })
        // Article text reaches the page as text only.
        link.dataset.title = hit.title
        link.append(element('circle', { cx, cy }))
        return link
      }),
    )
    area.replaceChildren(...boxRects(box))
    sizeMarks()
  }

  /** The selected area: one rectangle, or two when it crosses the antimeridian (west > east). */
  function boxRects(box) {
    if (box === undefined) return []
    const parts =
      box.west <= box.east
        ? [[box.west, box.east]]
        : [
            [box.west, 180],
            [-180, box.east],
          ]
    return parts.map(([west, east]) => {
      const [x0, y0] = toMap({ lon: west, lat: box.north })
      const [x1, y1] = toMap({ lon: east, lat: box.south })
      return setRect(element('rect', { class: 'map-box' }), x0, y0, x1 - x0, y1 - y0)
    })
  }

  setView(world)
  return {
    render,
    zoomIn: () => zoom(2),
    zoomOut: () => zoom(0.5),
    viewBox,
  }
}

function setRect(rect, x, y, w, h) {
  rect.setAttribute('x', String(x))
  rect.setAttribute('y', String(y))
  rect.setAttribute('width', String(w))
  rect.setAttribute('height', String(h))
  return rect
}
