import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMissing, readSnapshot } from '../src/load/file-snapshot.js';

describe('readSnapshot', () => {
  it('reads the candidates that exist and reports the others missing, in candidate order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-snapshot-'));
    writeFileSync(join(dir, 'default.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const candidates = [
      join(dir, 'default.json'),
      join(dir, 'default.yaml'),
      join(dir, 'missing-dir', 'default.yaml'),
      join(dir, 'notes.txt', 'default.yaml'), // a parent that is a file
    ];
    const snapshot = await readSnapshot(candidates);
    expect(snapshot.files.map((f) => [f.path, f.digest.split(':')[0]])).toEqual([
      [candidates[0], 'missing'],
      [candidates[1], 'sha256'],
      [candidates[2], 'missing'],
      [candidates[3], 'missing'],
    ]);
    expect(snapshot.files[1]?.content?.toString()).toBe('a: 1\n');
  });

  it('changes its hash when a candidate appears, changes or goes, and not otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-snapshot-'));
    const candidates = [join(dir, 'default.yaml'), join(dir, 'production.yaml')];
    const empty = await readSnapshot(candidates);
    expect((await readSnapshot(candidates)).hash).toBe(empty.hash);
    writeFileSync(candidates[1]!, 'b: 1\n');
    const appeared = await readSnapshot(candidates);
    expect(appeared.hash).not.toBe(empty.hash);
    writeFileSync(candidates[1]!, 'b: 2\n');
    expect((await readSnapshot(candidates)).hash).not.toBe(appeared.hash);
    writeFileSync(candidates[1]!, 'b: 1\n');
    expect((await readSnapshot(candidates)).hash).toBe(appeared.hash);
  });

  it('hashes the bytes as read, even when the hash is first asked for after the file changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-snapshot-'));
    const candidates = [join(dir, 'default.yaml')];
    writeFileSync(candidates[0]!, 'a: 1\n');
    const before = await readSnapshot(candidates);
    writeFileSync(candidates[0]!, 'a: 2\n');
    const after = await readSnapshot(candidates);
    writeFileSync(candidates[0]!, 'a: 1\n');
    const again = await readSnapshot(candidates);
    expect(before.hash).not.toBe(after.hash);
    expect(before.hash).toBe(again.hash);
    expect(before.files[0]?.digest).toBe(again.files[0]?.digest);
  });

  it('tells missing candidates from files that were read or could not be', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-snapshot-'));
    writeFileSync(join(dir, 'default.yaml'), 'a: 1\n');
    const snapshot = await readSnapshot([join(dir, 'default.yaml'), join(dir, 'default.json'), dir]);
    expect(snapshot.files.map((f) => [isMissing(f), f.digest.split(':')[0]])).toEqual([
      [false, 'sha256'],
      [true, 'missing'],
      [false, 'error'],
    ]);
  });
});
