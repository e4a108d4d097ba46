/**
 * Merge several lists that each follow one hidden order (here: the order properties are declared in) into a
 * single list that respects all of them. Property initialisers, class-validator metadata and Strata's marks
 * each see only some properties, but each sees them in declaration order; a stable topological merge gives
 * back the declaration order wherever the lists say anything about it.
 */
export function mergeOrders(lists: readonly (readonly string[])[]): string[] {
  const first = new Map<string, number>();
  const before = new Map<string, Set<string>>();
  for (const list of lists) {
    list.forEach((key, i) => {
      if (!first.has(key)) first.set(key, first.size);
      if (!before.has(key)) before.set(key, new Set());
      if (i > 0) before.get(key)!.add(list[i - 1]!);
    });
  }
  const placed = new Set<string>();
  const result: string[] = [];
  const pending = [...first.keys()];
  while (pending.length > 0) {
    // The earliest-seen key whose predecessors are all placed; a contradiction (none) falls back to the earliest.
    let index = pending.findIndex((key) => [...before.get(key)!].every((p) => placed.has(p)));
    if (index < 0) index = 0;
    const [key] = pending.splice(index, 1);
    placed.add(key!);
    result.push(key!);
  }
  return result;
}
