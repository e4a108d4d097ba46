import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, copyFixture, type FixtureCopy, strata } from '@strata-internal/test-support/cli';

beforeAll(assertBuilt);

let copy: FixtureCopy | undefined;
afterEach(async () => {
  await copy?.remove();
  copy = undefined;
});

describe('strata init --template', () => {
  it('scaffolds the worker template, whose reference resolves and whose files validate', async () => {
    copy = await copyFixture(undefined);
    const root = dirname(copy.dir);
    const init = await strata(['init', '--template', 'worker', '--cwd', 'project'], { cwd: root });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('(template worker)');
    const [valid, explain] = await Promise.all([
      strata(['validate'], { cwd: copy.dir }),
      strata(['explain', 'broker.url', '--env', 'production'], { cwd: copy.dir }),
    ]);
    expect(valid).toMatchObject({ code: 0, stdout: expect.stringContaining('is valid') });
    expect(explain.stdout).toContain('broker.url = "amqp://broker.internal:5672"');
    expect(explain.stdout).toMatch(/from: +file config\/default\.yaml:\d+:\d+\n/);
    expect(explain.stdout).toMatch(/\n {4}\$\{broker\.host\} from file config\/production\.yaml:\d+:\d+\n/);
    expect(explain.stdout).toMatch(/\n {4}\$\{broker\.port\} from file config\/default\.yaml:\d+:\d+\n/);
  });

  it("copies a user's template directory, and refuses unknown names and links", async () => {
    copy = await copyFixture(undefined);
    const root = dirname(copy.dir);
    const template = join(root, 'templates/api');
    await mkdir(join(template, 'config'), { recursive: true });
    await writeFile(join(template, 'strata.config.mjs'), 'export default { sections: [], sources: [] };\n');
    await writeFile(join(template, 'config/default.yaml'), 'a: 1\n');
    const init = await strata(['init', '--template', './templates/api', '--cwd', 'project'], { cwd: root });
    expect(init.code).toBe(0);
    expect(await readFile(join(copy.dir, 'config/default.yaml'), 'utf8')).toBe('a: 1\n');
    const unknown = await strata(['init', '--template', 'serverless', '--cwd', 'other'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown template "serverless"; the built-in ones are service, worker');
    await symlink('/dev/zero', join(template, 'zero.yaml'));
    const linked = await strata(['init', '--template', './templates/api', '--cwd', 'third'], { cwd: root });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('template file zero.yaml is not a regular file');
  });
});

describe('strata new-env', () => {
  it('copies an environment file, never overwriting, and prints the diff to review', async () => {
    copy = await copyFixture('basic');
    const created = await strata(['new-env', 'qa', '--from', 'staging'], { cwd: copy.dir });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(
      'Created config/qa.yaml from config/staging.yaml. Review what it sets compared with development:',
    );
    expect(created.stdout).toMatch(
      /database\.url\s+"postgres:\/\/localhost:5432\/strata_dev"\s+"postgres:\/\/db\.staging:5432\/strata"/,
    );
    // Secrets: changed or unchanged, never the value.
    expect(created.stdout).toContain('database.password  (secret) changed');
    expect(created.stdout).not.toContain('staging-password-1');
    expect(await readFile(join(copy.dir, 'config/qa.yaml'), 'utf8')).toBe(
      await readFile(join(copy.dir, 'config/staging.yaml'), 'utf8'),
    );
    const again = await strata(['new-env', 'qa', '--from', 'production'], { cwd: copy.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('environment qa already has config/qa.yaml; nothing was written');
    const nothing = await strata(['new-env', 'uat', '--from', 'nowhere'], { cwd: copy.dir });
    expect(nothing.stderr).toContain('no file for environment nowhere in config');
    const bad = await strata(['new-env', '../x'], { cwd: copy.dir });
    expect(bad.stderr).toContain('cannot name an environment');
  });
});
