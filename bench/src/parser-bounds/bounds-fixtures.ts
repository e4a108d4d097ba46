import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One input of the parser-bounds bench: a file of a format and a size. */
export interface BoundsFixture {
  readonly label: string;
  readonly format: 'yaml' | 'json' | 'toml';
  readonly path: string;
  readonly bytes: number;
}

/** A section of ten keys with ~100-character string values: a 10 MB file then has ~87,000 keys. */
function sectionLines(format: BoundsFixture['format'], index: number): string {
  const value = (key: number) => `value-${index}-${key}-${'x'.repeat(90)}`;
  const keys = Array.from({ length: 10 }, (_, k) => k);
  if (format === 'yaml') return `s${index}:\n${keys.map((k) => `  k${k}: ${value(k)}\n`).join('')}`;
  if (format === 'toml') return `[s${index}]\n${keys.map((k) => `k${k} = "${value(k)}"\n`).join('')}`;
  return `"s${index}": {${keys.map((k) => `"k${k}": "${value(k)}"`).join(', ')}}`;
}

/** Text of about `bytes` bytes (never more) in `format`. */
export function textOfSize(format: BoundsFixture['format'], bytes: number): string {
  const parts: string[] = [];
  let size = format === 'json' ? 4 : 0;
  for (let i = 0; ; i++) {
    const part = sectionLines(format, i);
    const extra = part.length + (format === 'json' ? 2 : 0);
    if (size + extra > bytes) break;
    parts.push(part);
    size += extra;
  }
  return format === 'json' ? `{\n${parts.join(',\n')}\n}\n` : parts.join('');
}

/** 100,000 unknown top-level YAML keys (~1.6 MB): the audit's 106-second case. */
function manyKeysYaml(): string {
  let text = '';
  for (let i = 0; i < 100_000; i++) text += `unknown${i}: v${i}\n`;
  return text;
}

export const MB = 1_000_000;
export const LIMIT = 10 * 1024 * 1024;

/** Writes every fixture under `dir` and lists them. */
export function writeBoundsFixtures(dir: string): BoundsFixture[] {
  mkdirSync(dir, { recursive: true });
  const fixtures: BoundsFixture[] = [];
  const add = (label: string, format: BoundsFixture['format'], text: string): void => {
    const path = join(dir, `${label.replace(/[^a-z0-9]+/gi, '-')}.${format}`);
    writeFileSync(path, text);
    fixtures.push({ label, format, path, bytes: Buffer.byteLength(text) });
  };
  for (const format of ['yaml', 'json', 'toml'] as const) {
    add('1 MB', format, textOfSize(format, MB));
    add('10 MB', format, textOfSize(format, 10 * MB));
    add('limit (10 MiB)', format, textOfSize(format, LIMIT));
    add('50 MB', format, textOfSize(format, 50 * MB));
  }
  add('100k unknown keys', 'yaml', manyKeysYaml());
  return fixtures;
}
