/**
 * Folds a name the way the engine compares names with the schema: lower case, without `_` and `-`.
 * `POOL_SIZE`, `pool-size` and `poolSize` all fold to `poolsize`.
 */
export function foldName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}
