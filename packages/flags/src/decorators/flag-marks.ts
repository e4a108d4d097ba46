/** What `@Flag` records on one property. */
export interface FlagMark {
  /** The flag's property. */
  readonly key: string;
  /** The property beside it that holds the rule tree. */
  readonly rulesKey: string;
  readonly description: string;
}

// Keyed by constructor, off the user's classes, like core's own marks.
const marks = new WeakMap<Function, Map<string, FlagMark>>();

/** Record a flag on a class. */
export function markFlag(target: Function, mark: FlagMark): void {
  let own = marks.get(target);
  if (!own) {
    own = new Map();
    marks.set(target, own);
  }
  own.set(mark.key, mark);
}

/** The flags declared on a class and its parents, by property. */
export function flagMarksOf(target: Function): ReadonlyMap<string, FlagMark> {
  const found = new Map<string, FlagMark>();
  const chain: Function[] = [];
  for (
    let c: unknown = target;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  )
    chain.unshift(c as Function);
  for (const c of chain) for (const [key, mark] of marks.get(c) ?? []) found.set(key, mark);
  return found;
}
