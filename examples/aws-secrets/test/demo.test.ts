import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built demo as a user would (`pnpm --filter @strata-examples/aws-secrets demo`).
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const demo = fileURLToPath(new URL('../dist/examples/aws-secrets/src/main.js', import.meta.url));

describe('examples/aws-secrets demo', () => {
  it('loads a JSON and a plain secret, redacts them, and applies a rotation', async () => {
    expect(existsSync(demo), `build the example first: npx tsc -b examples/aws-secrets (${demo})`).toBe(true);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      STRATA_ENV: 'development',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    delete env.NODE_ENV;
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [demo],
          { cwd: exampleDir, env, timeout: 30_000 },
          (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
          },
        );
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'database.port = 5432 (number), database.username = app, a password of 35 characters',
    );
    expect(stdout).toContain('"password": "[redacted]"');
    expect(stdout).toContain('Change applied: generation 2; the password now has 23 characters');
    expect(stdout).toContain('Closed the configuration');
    expect(stdout).not.toMatch(/password-from-secrets-manager|second-password-rotated|first-api-key/);
  });
});
