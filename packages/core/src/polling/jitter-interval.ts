/**
 * `intervalMs` moved by up to ± `ratio` of itself (a uniform draw), in whole milliseconds, so that many
 * instances started together do not poll a store in lockstep. `ratio` 0.1 gives 900–1100 for 1000.
 */
export function jitterInterval(intervalMs: number, ratio = 0.1, random: () => number = Math.random): number {
  return Math.round(intervalMs * (1 - ratio + 2 * ratio * random()));
}
