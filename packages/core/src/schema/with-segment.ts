/**
 * `[...segments, key]` at exact size: a spread leaves room to grow, and the schema keeps a segment list per
 * field (about 200 bytes each for two segments, 64 at exact size). Array literals are exact; `concat` is
 * exact too but several times slower, so it serves only the rare deep paths.
 */
export function withSegment(segments: readonly string[], key: string): readonly string[] {
  switch (segments.length) {
    case 1:
      return [segments[0]!, key];
    case 2:
      return [segments[0]!, segments[1]!, key];
    case 3:
      return [segments[0]!, segments[1]!, segments[2]!, key];
    default:
      return segments.concat(key);
  }
}
