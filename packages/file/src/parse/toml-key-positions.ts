/**
 * Finds where each key's value starts in a TOML text that already parsed: a small scanner that knows
 * table headers, dotted and quoted keys, strings (multi-line too), comments and nested brackets. Keys
 * inside inline tables and arrays are not recorded; their leaves take the position of the enclosing value.
 * Returns a map from `JSON.stringify(path)` to the offset of the value (or of the header for a table).
 * Anything it cannot follow ends the scan; what was recorded up to there stays correct.
 */
export function tomlKeyPositions(text: string): Map<string, number> {
  const found = new Map<string, number>();
  try {
    scan(text, found);
  } catch {
    // A construct the scanner does not know: keep the positions found so far.
  }
  return found;
}

class ScanStop extends Error {}

function scan(text: string, found: Map<string, number>): void {
  let i = 0;
  let table: string[] = [];
  const record = (path: readonly string[], offset: number): void => {
    const key = JSON.stringify(path);
    if (!found.has(key)) found.set(key, offset);
  };
  const skipBlank = (newlines: boolean): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) i++;
      else if (newlines && c === '#') skipComment();
      else return;
    }
  };
  const skipComment = (): void => {
    while (i < text.length && text[i] !== '\n') i++;
  };
  const readQuoted = (quote: string): string => {
    const start = ++i;
    while (i < text.length && text[i] !== quote && text[i] !== '\n') {
      if (quote === '"' && text[i] === '\\') i++;
      i++;
    }
    if (text[i] !== quote) throw new ScanStop();
    const raw = text.slice(start, i++);
    if (quote === "'") return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      throw new ScanStop();
    }
  };
  const readKey = (): string[] => {
    const segments: string[] = [];
    for (;;) {
      skipBlank(false);
      const c = text[i];
      if (c === '"' || c === "'") segments.push(readQuoted(c));
      else {
        const start = i;
        while (i < text.length && /[A-Za-z0-9_-]/.test(text[i] as string)) i++;
        if (i === start) throw new ScanStop();
        segments.push(text.slice(start, i));
      }
      skipBlank(false);
      if (text[i] !== '.') return segments;
      i++;
    }
  };
  const skipString = (): void => {
    const quote = text[i] as string;
    if (text.startsWith(quote.repeat(3), i)) {
      i += 3;
      while (i < text.length && !text.startsWith(quote.repeat(3), i))
        i += quote === '"' && text[i] === '\\' ? 2 : 1;
      i += 3;
      // A multi-line string may end with one or two quotes of its own before the closing three.
      for (let extra = 0; extra < 2 && text[i] === quote; extra++) i++;
      return;
    }
    readQuoted(quote);
  };
  const skipValue = (): void => {
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '"' || c === "'") skipString();
      else if (c === '#') skipComment();
      else if (c === '[' || c === '{') {
        depth++;
        i++;
      } else if (c === ']' || c === '}') {
        depth--;
        i++;
      } else if (c === '\n' && depth <= 0) {
        i++;
        return;
      } else i++;
    }
  };

  while (i < text.length) {
    skipBlank(true);
    if (i >= text.length) return;
    if (text[i] === '[') {
      const start = i;
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      table = readKey();
      skipBlank(false);
      const close = array ? ']]' : ']';
      if (!text.startsWith(close, i)) throw new ScanStop();
      i += close.length;
      record(table, start);
      continue;
    }
    const key = readKey();
    if (text[i] !== '=') throw new ScanStop();
    i++;
    skipBlank(false);
    record([...table, ...key], i);
    skipValue();
  }
}
