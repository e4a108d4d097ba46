/** One `key=value` line of a .properties file. */
export interface PropertyLine {
  readonly key: string;
  readonly value: string;
  /** 1-based line where the key starts. */
  readonly line: number;
}

/**
 * Parse the common subset of Java's .properties format: `key=value` or `key: value`, `#`/`!` comments, blank
 * lines, and a trailing `\` to continue a value on the next line.
 */
export function parseProperties(text: string): PropertyLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: PropertyLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i]!.trimStart();
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      i++;
      logical = logical.slice(0, -1) + lines[i]!.trimStart();
    }
    const match = /^([^=:\s]+)\s*[=:]?\s*(.*)$/.exec(logical);
    if (match) entries.push({ key: match[1]!, value: match[2]!.trimEnd(), line: start + 1 });
  }
  return entries;
}
