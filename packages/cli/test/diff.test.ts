import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, type RunResult, startRuns } from '@strata-internal/test-support/cli';

const specs = {
  text: [['diff', '--env', 'development', '--env', 'staging']],
  json: [
    ['diff', '--env', 'staging', '--env', 'production', '--format', 'json'],
    { env: { APP_DATABASE__PASSWORD: 'same-password-everywhere' } },
  ],
  one: [['diff', '--env', 'staging']],
  same: [['diff', '--env', 'staging', '--env', 'staging']],
  invalid: [['diff', '--env', 'staging', '--env', 'production']],
} as const;

let runs: Record<keyof typeof specs, Promise<RunResult>>;
beforeAll(() => {
  assertBuilt();
  runs = startRuns(specs);
});

describe('strata diff', () => {
  it('shows only the values that differ, side by side, and secrets as changed/unchanged', async () => {
    const result = await runs.text;
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('5 values differ between "development" and "staging":');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}server\.port\s+8080\s+8081$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}database\.password\s+\(secret\) changed$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}log\.level\s+"debug"\s+"info"$/));
    expect(result.stdout).not.toContain('server.host');
    expect(result.stdout).not.toContain('dev-only-password');
    expect(result.stdout).not.toContain('staging-password-1');
  });

  it('gives a JSON report, a secret set to the same value in both being "unchanged"', async () => {
    const result = await runs.json;
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.environments).toEqual(['staging', 'production']);
    expect(report.differences).toContainEqual({
      path: 'database.password',
      secret: true,
      status: 'unchanged',
    });
    expect(report.differences).toContainEqual({
      path: 'server.port',
      secret: false,
      status: 'changed',
      left: 8081,
      right: 80,
    });
    expect(report.differences.map((d: { path: string }) => d.path)).not.toContain('server.host');
  });

  it('needs exactly two different environments, and exits 1 when one is invalid', async () => {
    expect((await runs.one).code).toBe(2);
    expect((await runs.same).code).toBe(2);
    const invalid = await runs.invalid;
    expect(invalid.code).toBe(1);
    // Still a diff: the values, then the problems below them.
    expect(invalid.stdout).toContain('values differ between "staging" and "production"');
    expect(invalid.stdout).toContain(
      '"production" is invalid (1 problem):\n  database.password: is required',
    );
  });
});
