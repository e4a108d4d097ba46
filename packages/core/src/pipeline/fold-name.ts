/** The relaxed form of a name: lowercase, `_` and `-` removed. `POOL_SIZE`, `pool-size` and `poolSize` all fold to `poolsize`. */
export function foldName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}
