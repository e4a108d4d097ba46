import { StrataError } from './strata-error.js';

/** A configuration file could not be parsed. Carries the position and a short excerpt. */
export class ParseError extends StrataError {
  static override readonly errorCode = 'PARSE_ERROR' as const;

  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The offending line with a caret under the column. */
  readonly excerpt: string;

  constructor(
    fields: { file: string; line: number; column: number; reason: string; excerpt?: string },
    options?: { cause?: unknown },
  ) {
    // The offending line may hold a secret (an unquoted password), and parsers append code frames to their
    // messages: keep the reason's first line, mask values in the excerpt, and keep only a sanitised cause.
    const reason = firstLine(fields.reason);
    const excerpt = fields.excerpt ? maskExcerpt(fields.excerpt) : '';
    super(
      'PARSE_ERROR',
      `${fields.file}:${fields.line}:${fields.column}: ${reason}${excerpt ? `\n${excerpt}` : ''}`,
      options?.cause === undefined ? undefined : { cause: sanitiseCause(options.cause) },
    );
    this.file = fields.file;
    this.line = fields.line;
    this.column = fields.column;
    this.excerpt = excerpt;
  }
}

/**
 * Two lines of context: the line at `line` (1-based), its value masked (it may be a secret), and a caret
 * under `column`.
 */
export function excerptAt(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const source = lines[line - 1];
  if (source === undefined) return '';
  const masked = maskValue(source);
  const shown = masked.length > 120 ? `${masked.slice(0, 117)}...` : masked;
  return `  ${line} | ${shown}\n  ${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, Math.min(column - 1, 120)))}^`;
}

const keyPart = /^(\s*(?:-\s+)?(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s:=#"'[\]{},][^:=#]*?)\s*[:=])/;

/** `password: hunter2` → `password: …`: the key and its separator stay, the value does not. */
export function maskValue(line: string): string {
  const key = keyPart.exec(line);
  if (key) return line.length > key[1]!.length ? `${key[1]} …` : line;
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//') || /^[[\]{}]+,?$/.test(trimmed))
    return line;
  const indent = /^\s*(?:-\s*)?/.exec(line)?.[0] ?? '';
  return `${indent}…`;
}

/** Masks the source lines (`  12 | text`) of an excerpt, leaving the caret lines alone. */
function maskExcerpt(excerpt: string): string {
  return excerpt
    .split('\n')
    .map((line) => {
      const match = /^(\s*\d+ \| )(.*)$/.exec(line);
      return match ? match[1] + maskValue(match[2]!) : line;
    })
    .join('\n');
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.trim();
}

function sanitiseCause(cause: unknown): Error {
  const name = cause instanceof Error ? cause.name : 'Error';
  const copy = new Error(firstLine(cause instanceof Error ? cause.message : String(cause)));
  copy.name = name;
  copy.stack = `${name}: ${copy.message}`;
  return copy;
}
