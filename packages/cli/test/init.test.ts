import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, copyFixture, type FixtureCopy, strata } from './helpers/strata-binary.js';

beforeAll(assertBuilt);

describe('strata init', () => {
  let copy: FixtureCopy;
  afterEach(() => copy.remove());

  it('scaffolds a definition and config directory that validate as they are', async () => {
    copy = await copyFixture(undefined);
    const root = dirname(copy.dir);
    const init = await strata(['init', '--cwd', 'project'], { cwd: root });
    expect(init.code).toBe(0);
    for (const file of [
      'strata.config.mjs',
      'config.definition.mjs',
      'config/default.yaml',
      'config/development.yaml',
      'config/production.yaml',
    ]) {
      expect(init.stdout).toContain(`  ${file}`);
      await expect(readFile(join(copy.dir, file), 'utf8')).resolves.not.toBe('');
    }
    const [development, production, withPassword, explain] = await Promise.all([
      strata(['validate'], { cwd: copy.dir }),
      strata(['validate', '--env', 'production'], { cwd: copy.dir }),
      strata(['validate', '--env', 'production'], {
        cwd: copy.dir,
        env: { APP_DATABASE__PASSWORD: 'from-the-environment' },
      }),
      strata(['explain', 'server.port', '--env', 'production', '--format', 'json'], {
        cwd: copy.dir,
        env: { APP_DATABASE__PASSWORD: 'from-the-environment', APP_SERVER__PORT: '9090' },
      }),
    ]);
    expect(development).toMatchObject({
      code: 0,
      stdout: '✓ configuration for "development" is valid (6 values)\n',
    });
    expect(production.code).toBe(1);
    expect(production.stdout).toContain('database.password: is required');
    expect(withPassword.code).toBe(0);
    expect(JSON.parse(explain.stdout)).toMatchObject({
      value: 9090,
      type: 'integer',
      description: 'The port to listen on.',
    });
  });

  it('refuses to overwrite, naming the files, and writes nothing', async () => {
    copy = await copyFixture(undefined);
    const root = dirname(copy.dir);
    await strata(['init', '--cwd', 'project'], { cwd: root });
    await writeFile(join(copy.dir, 'config/production.yaml'), '# mine\n');
    const again = await strata(['init'], { cwd: copy.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite existing files');
    expect(again.stderr).toContain('strata.config.mjs');
    expect(again.stderr).toContain('config/production.yaml');
    expect(await readFile(join(copy.dir, 'config/production.yaml'), 'utf8')).toBe('# mine\n');
  });
});
