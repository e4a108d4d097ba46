// A plain load (files and environment, nothing encrypted, nothing watched) must not load node:crypto, which
// costs 10–20 ms of a process's start: file digests are computed when a watcher first compares them. Checked on
// the built bundles, in a fresh process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtures } from './support/fixtures.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const script = `
import 'reflect-metadata';
import { createRequire } from 'node:module';
const { loadConfig, Section } = await import('@strata/core');
const { fileSource } = await import('@strata/file');
const { envSource } = await import('@strata/env');
const crypto = () => process.moduleLoadList.includes('NativeModule crypto');
class Server { constructor() { this.host = 'none'; this.timeout = 0; } }
Section('server')(Server);
class Log { constructor() { this.level = 'debug'; } }
Section('log')(Log);
const config = await loadConfig(
  { sections: [Server, Log], sources: [fileSource({ dir: process.argv[1] }), envSource({ prefix: 'APP_' })] },
  { env: { APP_LOG__LEVEL: 'warn' }, cwd: process.argv[1] },
);
const afterLoad = { host: config.get(Server).host, level: config.get(Log).level, crypto: crypto() };
await config.close();
// The positive control: the probe sees node:crypto once something loads it.
createRequire(import.meta.url)('node:crypto');
console.log(JSON.stringify({ afterLoad, afterUse: crypto() }));
`;

describe('node:crypto on a plain load (built dist)', () => {
  it('is not loaded by importing Strata and loading files and environment variables', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script, path.join(fixtures, 'profiles')],
      { cwd: packageDir, env: { PATH: process.env.PATH ?? '' } },
    );
    const result = JSON.parse(stdout) as { afterLoad: Record<string, unknown>; afterUse: boolean };
    expect(result.afterLoad).toEqual({ host: 'yaml-default', level: 'warn', crypto: false });
    expect(result.afterUse).toBe(true);
  });
});
