import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StrataError } from '@strata/core';
import { resolveInputLimits } from '@strata/core/source';
import { type FileSnapshot, isMissing, readSnapshot, readSnapshotSync } from '../src/load/file-snapshot.js';

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
    // Copies keep both (a spread or JSON of a snapshot or a state).
    expect({ ...before }.hash).toBe(again.hash);
    expect(JSON.parse(JSON.stringify({ ...before.files[0] })).digest).toBe(again.files[0]?.digest);
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

  it('reads the same states synchronously (first loads) as asynchronously (reloads)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-snapshot-'));
    writeFileSync(join(dir, 'default.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'large.yaml'), `a: ${'x'.repeat(200)}\n`);
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    mkdirSync(join(dir, 'folder.yaml'));
    const candidates = [
      join(dir, 'default.yaml'),
      join(dir, 'default.json'),
      join(dir, 'large.yaml'),
      join(dir, 'dangling.yaml'),
      join(dir, 'folder.yaml'),
      join(dir, 'missing-dir', 'default.yaml'),
    ];
    const options = {
      limits: resolveInputLimits({ maxBytes: 100 }),
      source: 'file',
      display: (p: string) => p,
    };
    const seen = (snapshot: FileSnapshot) =>
      snapshot.files.map((f) => ({
        path: f.path,
        digest: f.digest,
        content: f.content?.toString(),
        dangling: f.dangling,
        error: f.error && (StrataError.is(f.error) ? `${f.error.code}: ${f.error.message}` : f.error.code),
      }));
    const sync = readSnapshotSync(candidates, options);
    const async = await readSnapshot(candidates, options);
    expect(seen(sync)).toEqual(seen(async));
    expect(sync.hash).toBe(async.hash);
    expect(seen(sync).map((f) => f.digest.split(':')[0])).toEqual([
      'sha256',
      'missing',
      'error',
      'missing',
      'error',
      'missing',
    ]);
    expect(sync.files[3]?.dangling).toBe(join(dir, 'gone.yaml'));
  });
});
