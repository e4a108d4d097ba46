/**
 * `[...path, key]` without spare room: a spread grows its array the way `push` does, and a loaded file keeps
 * one path per leaf (about 200 bytes each for two segments against 64 at exact size). Array literals are exact,
 * and `concat` is exact but several times slower, so it only serves the rare deep paths.
 */
export function childPath(path: readonly string[], key: string): readonly string[] {
  switch (path.length) {
    case 0:
      return [key];
    case 1:
      return [path[0]!, key];
    case 2:
      return [path[0]!, path[1]!, key];
    case 3:
      return [path[0]!, path[1]!, path[2]!, key];
    default:
      return path.concat(key);
  }
}
