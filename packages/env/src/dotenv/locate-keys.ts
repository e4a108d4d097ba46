/**
 * The grammar of dotenv's default parser (its `LINE` expression), with match indices so each key's
 * position is known: optional `export`, a key of `[\w.-]`, `=` (spaces around it, even a line break
 * before it) or `:` and a space, then a single-, double- or back-quoted value that may span lines, or an
 * unquoted one up to `#` or the end of the line, then an optional comment. `dotenv.parse` gives no
 * positions, so this reads the same text the same way; a test checks that both find the same keys.
 */
const definition =
  /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/dgm;

/**
 * The 1-based line where each key of a `.env` text is defined. For a key defined twice, the line of the
 * last definition (dotenv keeps the last value). Multi-line values report the line the key starts on.
 */
export function locateKeys(text: string): ReadonlyMap<string, number> {
  // dotenv turns CRLF and lone CR into LF before parsing; the line count stays the same.
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = new Map<string, number>();
  let line = 1;
  let counted = 0;
  for (const match of normalized.matchAll(definition)) {
    const key = match[1];
    const start = match.indices?.[1]?.[0];
    if (key === undefined || start === undefined) continue;
    line += countNewlines(normalized, counted, start);
    counted = start;
    lines.set(key, line);
  }
  return lines;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
