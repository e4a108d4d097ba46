// Plain JavaScript and CommonJS users require() the ES module packages (Node 20.19+): this runs the example
// docs/getting-started.md quotes, in a fresh `node` process against the built packages.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('CommonJS', () => {
  it('require() of @strata/core and @strata/core/rules loads and validates a configuration (built dist)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [resolve(packageDir, 'test/commonjs/load-from-commonjs.cjs')],
      { cwd: packageDir, env: { PATH: process.env.PATH ?? '' } },
    );
    expect(stdout.trim().split('\n')).toEqual(['{"server":{"host":"0.0.0.0","port":8080}}', '8080']);
  });
});
