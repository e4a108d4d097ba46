import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strata } from '@strata-internal/test-support/cli';
import { type TempDir, tempDir } from '@strata-internal/test-support';
import { afterEach, describe, expect, it } from 'vitest';

let temp: TempDir | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

/** Records as @strata/http's JSON-lines sink writes them (its own tests check the writing side). */
const record = (time: string, generation: number, paths: string[], extra: object = {}) =>
  JSON.stringify({
    time,
    actor: 'ops-alice',
    action: 'override',
    paths,
    changes: paths.map((p) => ({ path: p, before: 1, after: 2 })),
    generation,
    result: 'applied',
    reasons: [],
    ...extra,
  });

async function trail(): Promise<string> {
  temp = await tempDir('strata-cli-audit-');
  const file = path.join(temp.dir, 'audit.jsonl');
  // Rotated: .1 holds the older records.
  await writeFile(`${file}.1`, `${record('2026-12-01T10:00:00.000Z', 2, ['server.port'])}\n`);
  await writeFile(
    file,
    [
      record('2026-12-03T10:00:00.000Z', 3, ['database.url']),
      '{"cut short',
      record('2026-12-04T10:00:00.000Z', 4, ['database.password'], {
        changes: [{ path: 'database.password', before: '[redacted]', after: '[redacted]' }],
      }),
      record('2026-12-04T11:00:00.000Z', 4, ['server.port'], {
        result: 'rejected',
        changes: [],
        error: { code: 'CONFIG_INVALID', message: 'server.port: must not be less than 1' },
      }),
    ].join('\n'),
  );
  return file;
}

describe('strata audit', () => {
  it('lists every record of the file and its rotations, oldest first, and names lines it skipped', async () => {
    const file = await trail();
    const result = await strata(['audit', '--file', file], { cwd: temp!.dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => /^\d{4}-/.test(line));
    expect(lines.map((line) => line.slice(0, 10))).toEqual([
      '2026-12-01',
      '2026-12-03',
      '2026-12-04',
      '2026-12-04',
    ]);
    expect(result.stdout).toContain('    database.password: [redacted] -> [redacted]');
    expect(result.stdout).toContain('CONFIG_INVALID: server.port: must not be less than 1');
    expect(result.stderr).toContain('audit.jsonl:2: not an audit record, skipped');
  });

  it('--path keeps records touching the path or below it; --since an ISO time; --format json', async () => {
    const file = await trail();
    const byPath = await strata(
      ['audit', '--file', 'audit.jsonl', '--path', 'database', '--format', 'json'],
      {
        cwd: temp!.dir,
      },
    );
    const records = JSON.parse(byPath.stdout) as { paths: string[] }[];
    expect(records.map((r) => r.paths[0])).toEqual(['database.url', 'database.password']);
    const since = await strata(
      ['audit', '--file', file, '--since', '2026-12-04T10:30Z', '--format', 'json'],
      {
        cwd: temp!.dir,
      },
    );
    expect(
      (JSON.parse(since.stdout) as { generation: number; result: string }[]).map((r) => r.result),
    ).toEqual(['rejected']);
    const recent = await strata(['audit', '--file', file, '--since', '1h'], { cwd: temp!.dir });
    expect(recent.stdout).toBe('No audit records match.\n');
  });

  it('a missing file or a bad --since is a usage error', async () => {
    temp = await tempDir('strata-cli-audit-');
    const missing = await strata(['audit', '--file', 'nope.jsonl'], { cwd: temp.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.jsonl (ENOENT)');
    const bad = await strata(['audit', '--file', 'x', '--since', 'yesterday'], { cwd: temp.dir });
    expect(bad.stderr).toContain('--since takes an ISO time');
  });
});
