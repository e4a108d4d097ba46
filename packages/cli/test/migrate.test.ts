import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, copyFixture, type FixtureCopy, strata } from '@strata-internal/test-support/cli';

beforeAll(assertBuilt);

describe('strata migrate', () => {
  let copy: FixtureCopy;
  beforeEach(async () => {
    copy = await copyFixture('migrate');
  });
  afterEach(() => copy.remove());

  const read = (file: string): Promise<string> => readFile(join(copy.dir, file), 'utf8');

  it('shows a unified diff of each older file by default, changes nothing and exits 1', async () => {
    const before = await read('config/default.yaml');
    const result = await strata(['migrate', '--env', 'production'], { cwd: copy.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'config/default.yaml: configVersion 1 → 3 (database.dsn became database.url; log.verbose became log.level)',
    );
    expect(result.stdout).toContain(
      '--- config/default.yaml\n+++ config/default.yaml (configVersion 3)\n@@ -1,13 +1,13 @@',
    );
    expect(result.stdout).toContain('-configVersion: 1\n+configVersion: 3\n');
    expect(result.stdout).toContain(
      '-  dsn: postgres://localhost:5432/app\n+  url: postgres://localhost:5432/app\n',
    );
    expect(result.stdout).toContain('   password: [redacted]\n');
    expect(result.stdout).not.toContain('file-secret-value-123');
    expect(result.stdout).toContain(
      'config/production.json: configVersion 2 → 3 (log.verbose became log.level)',
    );
    expect(result.stdout).not.toContain('development.yaml:');
    expect(result.stdout).toContain('2 files to migrate; run "strata migrate --write" to rewrite them');
    expect(await read('config/default.yaml')).toBe(before);
  });

  it('--write rewrites the files atomically, keeping YAML comments and key order', async () => {
    const result = await strata(['migrate', '--write', '--env', 'production'], { cwd: copy.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rewrote config/default.yaml');
    expect(result.stdout).toContain('rewrote config/production.json');
    expect(await read('config/default.yaml')).toBe(
      [
        '# Shared settings (written for format version 1).',
        'configVersion: 3',
        '',
        'server:',
        '  port: 8080 # the public port',
        '',
        'database:',
        '  # The connection string.',
        '  url: postgres://localhost:5432/app',
        '  password: file-secret-value-123',
        '',
        'log:',
        '  level: debug',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(await read('config/production.json'))).toEqual({
      configVersion: 3,
      server: { port: 80 },
      log: { level: 'info' },
    });
    expect(await read('config/production.json')).toMatch(
      /^\{\n {2}"configVersion": 3,\n {2}"server": \{\n {4}"port": 80\n/,
    );
    expect((await readdir(join(copy.dir, 'config'))).sort()).toEqual([
      'default.yaml',
      'development.yaml',
      'production.json',
    ]);

    const again = await strata(['migrate', '--env', 'production'], { cwd: copy.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('✓ 3 files at configVersion 3 (or unversioned): nothing to migrate');
    const validate = await strata(['validate', '--env', 'production'], { cwd: copy.dir });
    expect(validate.stdout).not.toContain('migrated in memory');
  });

  it('refuses --write with --dry-run, and has nothing to do without a configVersion', async () => {
    expect((await strata(['migrate', '--write', '--dry-run'], { cwd: copy.dir })).code).toBe(2);
    const basic = await strata(['migrate']);
    expect(basic).toMatchObject({
      code: 0,
      stdout: 'strata.config.mjs declares no configVersion: nothing to migrate\n',
    });
  });
});
