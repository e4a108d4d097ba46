import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LineReader } from '@strata-internal/test-support/cli';
import { assertBuilt, copyFixture, type FixtureCopy, spawnStrata } from '@strata-internal/test-support/cli';

beforeAll(assertBuilt);

const SECRET = 'watched-secret-from-env';

describe('strata watch', () => {
  let copy: FixtureCopy;
  let child: ChildProcessWithoutNullStreams | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
    await copy.remove();
  });

  async function edit(file: string, from: string, to: string): Promise<void> {
    const path = join(copy.dir, file);
    const text = await readFile(path, 'utf8');
    expect(text).toContain(from);
    await writeFile(path, text.replace(from, to));
  }

  it('prints ready, then each change and rejection as one JSON line, and exits 0 on SIGINT', async () => {
    copy = await copyFixture('basic');
    child = spawnStrata(['watch'], { cwd: copy.dir, env: { APP_DATABASE__PASSWORD: SECRET } });
    const out = new LineReader(child.stdout);
    const err = new LineReader(child.stderr);
    const ready = JSON.parse(await out.waitFor((line) => line.includes('"ready"')));
    expect(ready).toMatchObject({ type: 'ready', generation: 1, environment: 'development', warnings: [] });

    await edit('config/default.yaml', 'port: 8080', 'port: 9090');
    const changed = JSON.parse(await out.waitFor((line) => line.includes('"changed"')));
    expect(changed).toMatchObject({
      type: 'changed',
      generation: 2,
      previousGeneration: 1,
      diff: [
        {
          path: 'server.port',
          before: 8080,
          after: 9090,
          secret: false,
          origin: { source: 'file', locator: 'config/default.yaml:4:9' },
        },
      ],
    });

    let mark = out.lines.length;
    await edit('config/default.yaml', 'port: 9090', 'port: 70000');
    const rejected = JSON.parse(await out.waitFor((line) => line.includes('"rejected"'), { from: mark }));
    expect(rejected).toMatchObject({ type: 'rejected', generation: 2, error: { code: 'CONFIG_INVALID' } });
    expect(rejected.error.message).toContain('server.port: must not be greater than 65535');
    expect(rejected.error.issues).toEqual([
      expect.objectContaining({ path: 'server.port', constraint: 'max', value: '70000' }),
    ]);

    mark = out.lines.length;
    await edit('config/default.yaml', 'port: 70000', 'port: 8081');
    const fixed = JSON.parse(await out.waitFor((line) => line.includes('"changed"'), { from: mark }));
    expect(fixed).toMatchObject({
      generation: 3,
      diff: [{ path: 'server.port', before: 9090, after: 8081 }],
    });

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out.lines.join('\n')).not.toContain(SECRET);
    expect(err.lines.join('\n')).not.toContain(SECRET);
    for (const line of out.lines.filter((l) => l !== '')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('redacts a changed secret and stops on SIGTERM', async () => {
    copy = await copyFixture('basic');
    child = spawnStrata(['watch', '--env', 'development'], { cwd: copy.dir });
    const out = new LineReader(child.stdout);
    await out.waitFor((line) => line.includes('"ready"'));
    await edit('config/development.yaml', 'password: dev-only-password', 'password: rotated-password-42');
    const changed = JSON.parse(await out.waitFor((line) => line.includes('"changed"')));
    expect(changed.diff).toEqual([
      expect.objectContaining({
        path: 'database.password',
        before: '[redacted]',
        after: '[redacted]',
        secret: true,
      }),
    ]);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const all = out.lines.join('\n');
    expect(all).not.toContain('rotated-password-42');
    expect(all).not.toContain('dev-only-password');
  });
});
