/**
 * For charts with a limit on slices or bars (Slack's and Teams' own): keeps the `max - 1` largest items and sums the rest into one "other" item (all of them when they fit).
 * Order is kept for the items shown; "other" comes last.
 */
export function groupSmallest<T>(
  items: readonly T[],
  max: number,
  size: (item: T) => number,
  other: (rest: readonly T[]) => T,
): T[] {
  if (items.length <= max) return [...items];
  const ranked = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => size(b.item) - size(a.item) || a.index - b.index);
  const kept = new Set(ranked.slice(0, max - 1).map((entry) => entry.index));
  const rest = items.filter((_, index) => !kept.has(index));
  return [...items.filter((_, index) => kept.has(index)), other(rest)];
}
