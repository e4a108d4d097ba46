import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built demo as a user would (`pnpm --filter @strata-examples/aws-ssm demo`): a child process
// that starts the in-process SSM server, loads, prints, writes new versions and exits on its own.
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const demo = fileURLToPath(new URL('../dist/examples/aws-ssm/src/main.js', import.meta.url));
const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/development/database';

function runDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRATA_ENV: 'development',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const name of ['STRATA_SSM_ENDPOINT', 'AWS_ENDPOINT_URL_SSM', 'AWS_ENDPOINT_URL', 'NODE_ENV']) {
    delete env[name];
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [demo], { cwd: exampleDir, env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('examples/aws-ssm demo', () => {
  it('loads a hierarchy from an in-process Parameter Store, redacts, explains, applies new versions and exits', async () => {
    expect(existsSync(demo), `build the example first: npx tsc -b examples/aws-ssm (${demo})`).toBe(true);
    const { code, stdout, stderr } = await runDemo();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Parameter Store: in-process test server at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain(
      'database.port = 5432 (number), http.trustedPorts = [8080,8443] (number, number), a password of 23 characters',
    );
    expect(stdout).toContain('"poolSize": 20');
    expect(stdout).toContain('"password": "[redacted]"');
    expect(stdout).toContain('"https://admin.example.com"');
    expect(stdout).toContain(`→ 20 from aws-ssm ${arn}/pool_size@v1`);
    expect(stdout).toContain(`→ [redacted] from aws-ssm ${arn}/password@v1`);
    expect(stdout).toContain('Change applied: generation 2 (was 1)');
    expect(stdout).toContain(`database.poolSize: 20 → 30  (aws-ssm ${arn}/pool_size@v2)`);
    expect(stdout).toContain(`database.password: [redacted] → [redacted]  (aws-ssm ${arn}/password@v2)`);
    expect(stdout).toContain('The application now reads database.poolSize = 30');
    expect(stdout).toContain('Closed the configuration');
    expect(stdout).not.toMatch(/password-from-ssm/);
  });
});
