/**
 * Characters an excerpt may show: the punctuation that gives YAML, JSON, TOML and `.env` lines their shape.
 * Everything else (letters, digits, any other symbol, control characters) is text that could be a value.
 */
const structural = new Set([':', ',', '[', ']', '{', '}', '=', '-', '#', '|', '>', '"', "'"]);

/** The widest excerpt line; longer lines are shown as a window around the column. */
const maxWidth = 120;

/** A line with its text masked, and where a source column landed in it. */
interface MaskedLine {
  readonly text: string;
  /** 0-based index in `text` of the character the source column pointed at. */
  readonly caret: number;
}

/**
 * Masks one source line for an error excerpt: spaces, tabs, quotes and the punctuation at the edges of each
 * unquoted word stay; a quoted string's content and the rest of each word become `…`. `password: hunter2` →
 * `…: …`, `{"token":"abc"},` → `{"…":"…"},`, `- item` → `- …`.
 *
 * Why not keep keys: a parse error means the parser did not understand the line, so nothing proves that text
 * before a `:` is a key. A line inside a secret's block scalar (`  hunter2-line2: x`) looks exactly like one.
 * So no letter, digit or other text of the file ever reaches an excerpt; the file, line and column say where
 * to look.
 */
export function maskValue(line: string): string {
  return maskLine(line, 0).text;
}

/**
 * Two lines of context: the line at `line` (1-based), masked by {@link maskValue}, and a caret under
 * `column`. A long line (a one-line JSON file) is shown as a window of about 120 characters around the column.
 */
export function excerptAt(text: string, line: number, column: number): string {
  const source = lineAt(text, line);
  if (source === undefined) return '';
  const masked = maskLine(source, Math.max(0, column - 1));
  let shown = masked.text;
  let caret = masked.caret;
  if (shown.length > maxWidth) {
    const start = Math.max(0, Math.min(caret - maxWidth / 2, shown.length - maxWidth));
    const end = Math.min(shown.length, start + maxWidth);
    shown = `${start > 0 ? '…' : ''}${shown.slice(start, end)}${end < shown.length ? '…' : ''}`;
    caret = caret - start + (start > 0 ? 1 : 0);
  }
  const number = String(line);
  return `  ${number} | ${shown}\n  ${' '.repeat(number.length)} | ${' '.repeat(Math.max(0, caret))}^`;
}

/** Masks the source lines (`  12 | text`) of an excerpt, leaving the caret lines alone. */
export function maskExcerpt(excerpt: string): string {
  return excerpt
    .split('\n')
    .map((line) => {
      const match = /^( *\d+ \| )(.*)$/.exec(line);
      if (match) return match[1] + maskValue(match[2]!);
      // A caret line holds spaces, `|` and `^` only; anything else is not ours and is masked whole.
      return /^[ |^]*$/.test(line) ? line : maskValue(line);
    })
    .join('\n');
}

/** The 1-based line of `text`, with the line breaks the parsers count (`\n`, `\r\n`, a lone `\r`). */
function lineAt(text: string, line: number): string | undefined {
  if (line < 1) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = nextBreak(text, start);
    if (next < 0) return undefined;
    start = next + (text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1);
  }
  const end = nextBreak(text, start);
  return text.slice(start, end < 0 ? text.length : end);
}

function nextBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10 || char === 13) return i;
  }
  return -1;
}

function maskLine(line: string, column: number): MaskedLine {
  let out = '';
  let caret = -1;
  const keep = (from: number, to: number): void => {
    if (column >= from && column < to) caret = out.length + (column - from);
    out += line.slice(from, to);
  };
  const hide = (from: number, to: number): void => {
    if (column >= from && column < to) caret = out.length;
    out += '…';
  };
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === ' ' || char === '\t') {
      keep(i, i + 1);
      i++;
    } else if (char === '"' || char === "'") {
      // A quoted string is hidden whole, whatever it holds: its quotes stay, its content becomes one `…`.
      const end = closingQuote(line, i);
      keep(i, i + 1);
      hide(i + 1, Math.max(i + 2, end));
      if (end < line.length) keep(end, end + 1);
      i = end + 1;
    } else {
      let end = i;
      while (end < line.length && !/[ \t"']/.test(line[end]!)) end++;
      // Only the punctuation at the word's edges stays (`key:` → `…:`, `[a,` → `[…,`): punctuation inside
      // an unquoted word would describe the shape of a possible secret.
      let head = i;
      while (head < end && structural.has(line[head]!)) head++;
      let tail = end;
      while (tail > head && structural.has(line[tail - 1]!)) tail--;
      keep(i, head);
      if (tail > head) hide(head, tail);
      keep(tail, end);
      i = end;
    }
  }
  return { text: out, caret: caret < 0 ? out.length : caret };
}

/** The index of the quote closing the string opened at `start`, or the line's length when it is unclosed. */
function closingQuote(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    const char = line[i];
    if (quote === '"' && char === '\\') i++;
    else if (char === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return line.length;
}
