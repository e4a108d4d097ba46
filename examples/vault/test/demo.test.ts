import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built demo as a user would (`pnpm --filter @strata-examples/vault demo`): a child process
// that starts the in-process Vault, loads, prints, rotates the secret and exits on its own.
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const demo = fileURLToPath(new URL('../dist/examples/vault/src/main.js', import.meta.url));

function runDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, STRATA_ENV: 'development' };
  for (const name of ['VAULT_ADDR', 'VAULT_TOKEN', 'VAULT_NAMESPACE', 'NODE_ENV']) delete env[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [demo], { cwd: exampleDir, env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('examples/vault demo', () => {
  it('loads from an in-process Vault, redacts, explains, applies a new version and exits cleanly', async () => {
    expect(existsSync(demo), `build the example first: npx tsc -b examples/vault (${demo})`).toBe(true);
    const { code, stdout, stderr } = await runDemo();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Vault: in-process test server at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('database.port = 5432 (number), a password of 25 characters');
    expect(stdout).toContain('"password": "[redacted]"');
    expect(stdout).toContain('"poolSize": 10');
    expect(stdout).toContain('→ [redacted] from vault secret/data/app/development#password@v1');
    expect(stdout).toContain('Change applied: generation 2 (was 1), because secret/app/development v2');
    expect(stdout).toContain(
      'database.password: [redacted] → [redacted]  (vault secret/data/app/development#password@v2)',
    );
    expect(stdout).toContain('The application now reads database.port = 6432');
    expect(stdout).toContain('→ [redacted] from vault secret/data/app/development#password@v2');
    expect(stdout).toContain('Closed the configuration');
    expect(stdout).not.toMatch(/password-from-vault|db\.internal|hvs\./);
  });
});
