import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  copyFixture,
  type FixtureCopy,
  packageDir,
  strata,
} from '@strata-internal/test-support/cli';

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

  it('needs no packages but those its next steps install', async () => {
    const root = await mkdtemp(join(tmpdir(), 'strata-init-'));
    copy = { dir: root, remove: () => rm(root, { recursive: true, force: true }) };
    const init = await strata(['init', '--cwd', 'project'], { cwd: root });
    expect(init.code).toBe(0);
    const installed = /npm install (.+)\n/.exec(init.stdout)?.[1]?.trim().split(/\s+/) ?? [];
    expect(installed).toContain('@strata/core');
    // node_modules holds what `npm install` would put there for the project itself: each listed package
    // (the workspace's, whose own dependencies resolve from their real paths), nothing else.
    const project = join(root, 'project');
    for (const name of installed) {
      const link = join(project, 'node_modules', name);
      await mkdir(dirname(link), { recursive: true });
      await symlink(join(packageDir, 'node_modules', name), link, 'dir');
    }
    const [valid, outOfRange] = await Promise.all([
      strata(['validate'], { cwd: project }),
      strata(['validate', '--format', 'json'], {
        cwd: project,
        env: { APP_SERVER__PORT: '70000', APP_LOG__LEVEL: 'verbose' },
      }),
    ]);
    expect(valid).toMatchObject({ code: 0, stderr: '' });
    // The scaffold's rules run: Max on server.port, IsIn on log.level.
    expect(outOfRange.code).toBe(1);
    const [development] = JSON.parse(outOfRange.stdout).environments;
    expect(development.errors).toMatchObject([
      { path: 'server.port', constraint: 'max' },
      { path: 'log.level', constraint: 'isIn' },
    ]);
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
