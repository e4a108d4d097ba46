import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputLimitError, SourceError } from '@strata/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { originAt, recordingSignals, sourceContext, valuesOf, waitFor } from '@strata-internal/test-support';
import { tempDir as makeTempDir } from '@strata-internal/test-support';
import { mountedDirSource } from '../src/index.js';

/**
 * Lay out a volume the way kubelet's atomic writer does: files in a timestamped directory, `..data` a link
 * to it, and each key a link `key -> ..data/key`. An update writes a new timestamped directory, points a
 * `..data_tmp` link at it and renames that over `..data`.
 */
async function kubeletWrite(
  dir: string,
  stamp: string,
  files: Record<string, string>,
  first: boolean,
): Promise<void> {
  const data = path.join(dir, `..${stamp}`);
  await mkdir(data);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(data, name), text);
  await symlink(`..${stamp}`, path.join(dir, '..data_tmp'));
  await rename(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
  if (first)
    for (const name of Object.keys(files)) await symlink(path.join('..data', name), path.join(dir, name));
}

/** A temp directory removed when the test finishes. */
async function tempDir(): Promise<string> {
  const made = await makeTempDir();
  onTestFinished(() => made.cleanup());
  return made.dir;
}

describe('mountedDirSource', () => {
  it('reads one key per file, trims one trailing newline, nests on __, skips hidden entries, marks secret', async () => {
    const dir = await tempDir();
    await kubeletWrite(
      dir,
      '2026_12_04_10_00_00.1',
      { database__password: 'pw-1\n', 'api-key': 'k\r\n', note: 'two\n\n' },
      true,
    );
    await writeFile(path.join(dir, '.hidden'), 'x');
    const source = mountedDirSource({ dir, secret: true });

    const layer = await source.load(sourceContext());

    expect(valuesOf(layer)).toEqual({ 'database.password': 'pw-1', 'api-key': 'k', note: 'two\n' });
    expect(originAt(layer, 'database.password')).toMatchObject({
      source: 'mounted-dir',
      locator: path.join(dir, 'database__password'),
      secret: true,
    });
  });

  it("nests on '.' and leaves values unmarked when the directory is not declared secret", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'http.port'), '8080');
    const layer = await mountedDirSource({ dir, nesting: '.', into: 'app' }).load(sourceContext());

    expect(valuesOf(layer)).toEqual({ 'app.http.port': '8080' });
    expect(originAt(layer, 'app.http.port')?.secret).toBeUndefined();
  });

  it("sees kubelet's ..data symlink swap and reports one change", async () => {
    const dir = await tempDir();
    await kubeletWrite(dir, '2026_12_04_10_00_00.1', { token: 'old' }, true);
    const source = mountedDirSource({ dir, pollIntervalMs: 0 });
    const context = sourceContext();
    await source.load(context);
    const signals = recordingSignals();
    const handle = source.watch?.(context, signals);
    onTestFinished(() => handle?.dispose());

    await kubeletWrite(dir, '2026_12_04_10_05_00.2', { token: 'new' }, false);
    await waitFor('the change', () => signals.changes[0]);
    const layer = await source.load(context);

    expect(signals.changes[0]?.detail).toContain(dir);
    expect(valuesOf(layer)).toEqual({ token: 'new' });
  });

  it('applies the input limits: file count and size, naming the directory and the option', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `k${i}`), 'v');
    await writeFile(path.join(dir, 'big'), 'x'.repeat(300));

    const many = await mountedDirSource({ dir, limits: { maxKeys: 3 } })
      .load(sourceContext())
      .catch((e: unknown) => e);
    const large = await mountedDirSource({ dir, limits: { maxBytes: 100 } })
      .load(sourceContext())
      .catch((e: unknown) => e);

    expect(many).toBeInstanceOf(InputLimitError);
    expect((many as Error).message).toContain('mountedDirSource');
    expect(large).toBeInstanceOf(InputLimitError);
    expect((large as Error).message).toContain('big');
  });

  it('fails naming a missing directory', async () => {
    const dir = path.join(await tempDir(), 'absent');
    const error = await mountedDirSource({ dir })
      .load(sourceContext())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain(`the directory ${dir} does not exist`);
  });
});
