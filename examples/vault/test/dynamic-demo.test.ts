import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built dynamic-secret demo as a user would (`pnpm --filter @strata-examples/vault demo:dynamic`).
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const demo = fileURLToPath(new URL('../dist/examples/vault/src/dynamic.js', import.meta.url));

describe('examples/vault dynamic-secret demo', () => {
  it('renews, rotates before the max TTL as a redacted change, and revokes at close', async () => {
    expect(existsSync(demo), `build the example first: npx tsc -b examples/vault (${demo})`).toBe(true);
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(process.execPath, [demo], { cwd: exampleDir, timeout: 30_000 }, (error, out, err) => {
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
            stdout: out,
            stderr: err,
          });
        });
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Connected with generation 1 credentials: {"username":"[redacted]","password":"[redacted]"}',
    );
    expect(stdout).toContain(
      'new credentials arrived as generation 2: database.username [redacted] → [redacted]',
    );
    expect(stdout).toContain('The pool reconnects: the username changed: true');
    expect(stdout).toContain('Closed: 2 of 2 leases revoked');
    expect(stdout).not.toMatch(/v-token-billing|A1a-/);
  });
});
