/**
 * The first `count` of `items` in the order `compare` gives (negative: the
 * first argument goes first), in that order, without sorting them all: a
 * heap of the best `count` seen so far, so a page of 20 out of 10,000
 * matches costs a pass over the matches and a few comparisons each.
 * `compare` must be a total order (break ties, by position for instance);
 * then the result is what sorting every item and cutting would give.
 */
export function topRanked<Item>(items: readonly Item[], count: number, compare: (a: Item, b: Item) => number): Item[] {
  if (count <= 0) return []
  if (count >= items.length) return [...items].sort(compare)
  // A max-heap: its root is the worst of the items kept.
  const kept: Item[] = []
  for (const item of items) {
    if (kept.length < count) {
      kept.push(item)
      siftUp(kept, kept.length - 1, compare)
    } else if (compare(item, kept[0] as Item) < 0) {
      kept[0] = item
      siftDown(kept, 0, compare)
    }
  }
  return kept.sort(compare)
}

function siftUp<Item>(heap: Item[], at: number, compare: (a: Item, b: Item) => number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1
    if (compare(heap[at] as Item, heap[parent] as Item) <= 0) return
    swap(heap, at, parent)
    at = parent
  }
}

function siftDown<Item>(heap: Item[], at: number, compare: (a: Item, b: Item) => number): void {
  for (;;) {
    const left = 2 * at + 1
    const right = left + 1
    let worst = at
    if (left < heap.length && compare(heap[left] as Item, heap[worst] as Item) > 0) worst = left
    if (right < heap.length && compare(heap[right] as Item, heap[worst] as Item) > 0) worst = right
    if (worst === at) return
    swap(heap, at, worst)
    at = worst
  }
}

function swap<Item>(heap: Item[], a: number, b: number): void {
  const item = heap[a] as Item
  heap[a] = heap[b] as Item
  heap[b] = item
}
