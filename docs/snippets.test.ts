import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every code block in docs/ preceded by `<!-- snippet: path/to/file.ts -->` must appear verbatim in that
// file. The files are compiled by the build and exercised by the tests, so a snippet cannot drift from
// working code.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docs = readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));
const marker = /<!-- snippet: (\S+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;

describe('documentation snippets', () => {
  const found: [string, string, string][] = [];
  for (const doc of docs) {
    const text = readFileSync(path.join(root, 'docs', doc), 'utf8');
    for (const match of text.matchAll(marker)) found.push([doc, match[1]!, match[2]!]);
  }

  it('has snippets to check', () => {
    expect(found.length).toBeGreaterThan(10);
  });

  it.each(found)('%s quotes %s verbatim', (_doc, file, code) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    // Indentation is not compared: docs show snippets dedented.
    const normalise = (s: string) =>
      s
        .replace(/\r\n/g, '\n')
        .split('\n')
        .map((line) => line.trim())
        .join('\n')
        .trim();
    expect(normalise(source)).toContain(normalise(code));
  });
});
