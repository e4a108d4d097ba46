import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, fixture, type RunResult, startRuns } from '@strata-internal/test-support/cli';

const dotenv = fixture('dotenv');
const deployPassword = { APP_DATABASE__PASSWORD: 'the-deploy-password' };

const specs = {
  allEnvs: [['validate', '--all-envs'], { cwd: dotenv }],
  allEnvsJson: [['validate', '--all-envs', '--format', 'json'], { cwd: dotenv }],
  dotenvAll: [['validate', '--all-envs', '--dotenv-all'], { cwd: dotenv }],
  deployed: [['validate', '--all-envs'], { cwd: dotenv, env: deployPassword }],
  single: [['validate'], { cwd: dotenv }],
  diffInvalid: [['diff', '--env', 'development', '--env', 'production']],
  diffInvalidJson: [
    ['diff', '--env', 'development', '--env', 'production', '--format', 'json'],
    { cwd: dotenv },
  ],
  diffBasic: [
    ['diff', '--env', 'staging', '--env', 'production'],
    { env: { APP_DATABASE__PASSWORD: 'staging-password-1' } },
  ],
} as const;

let runs: Record<keyof typeof specs, Promise<RunResult>>;
beforeAll(() => {
  assertBuilt();
  runs = startRuns(specs);
});

describe('strata validate --all-envs', () => {
  it('checks the default environment too, although it has no profile file of its own', async () => {
    const result = await runs.allEnvs;
    expect(result.stdout).toMatch(/^✓ development: valid \(\d+ values\)$/m);
    expect(result.stdout).toContain('3 environments checked: 2 valid, 1 invalid');
  });

  it('reads the shared .env for the default environment only, and says so', async () => {
    const result = await runs.allEnvs;
    expect(result.code).toBe(1);
    const blocks = result.stdout.split(/\n(?=[✓✗] )/);
    const block = (name: string) => blocks.find((b) => b.slice(2).startsWith(`${name}:`)) ?? '';
    expect(block('development')).toContain('note: values taken from .env');
    // Production must not pass with a developer's local password.
    expect(block('production')).toContain('✗ production: invalid (1 problem)');
    expect(block('production')).toContain('database.password: is required');
    expect(block('production')).toContain(
      'note: .env left out: shared .env files are read for the default environment only (--dotenv-all reads them for every environment)',
    );
    // A file named for the environment is its own.
    expect(block('staging')).toContain('✓ staging: valid');
    expect(block('staging')).toContain('note: values taken from .env.staging');
    expect(block('staging')).toContain('note: .env left out');
    expect(result.stdout).not.toContain('local-dev-password');
  });

  it('reports the .env files each environment used or left out in JSON', async () => {
    const result = await runs.allEnvsJson;
    const report = JSON.parse(result.stdout) as {
      environments: { name: string; valid: boolean; dotenv: { used: string[]; leftOut: string[] } }[];
    };
    expect(report.environments.map((e) => [e.name, e.valid, e.dotenv])).toEqual([
      ['development', true, { used: ['.env'], leftOut: [] }],
      ['production', false, { used: [], leftOut: ['.env'] }],
      ['staging', true, { used: ['.env.staging'], leftOut: ['.env'] }],
    ]);
  });

  it('reads .env for every environment with --dotenv-all, saying where values came from', async () => {
    const result = await runs.dotenvAll;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ production: valid \(\d+ values\)\n {4}note: values taken from \.env\n/);
    expect(result.stdout).not.toContain('left out');
  });

  it('passes when the deploy provides the secret', async () => {
    const result = await runs.deployed;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 environments checked: 3 valid, 0 invalid');
  });

  it('keeps reading .env for a plain run of the default environment', async () => {
    const result = await runs.single;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('note: values taken from .env');
  });
});

describe('strata diff with an invalid environment', () => {
  it('shows the values and lists the problems below them', async () => {
    const result = await runs.diffInvalid;
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('5 values differ between "development" and "production":');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}database\.url\s+"postgres:\/\/localhost:5432\/strata_dev"\s+"postgres:\/\/db\.internal:5432\/strata"$/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}database\.password\s+\(secret\) changed$/));
    expect(result.stdout).toContain(
      '\n"production" is invalid (1 problem):\n  database.password: is required — not set by any source',
    );
    expect(result.stdout).not.toContain('dev-only-password');
  });

  it("gives each side's problems in JSON, leaving the shared .env out of the other environment", async () => {
    const result = await runs.diffInvalidJson;
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.problems.development).toEqual([]);
    expect(report.problems.production).toEqual([
      expect.objectContaining({ path: 'database.password', constraint: 'required' }),
    ]);
    expect(report.dotenvLeftOut).toEqual({ development: [], production: ['.env'] });
  });

  it('prints as many rows as the differences it counts; equal secrets are named below the table', async () => {
    const result = await runs.diffBasic;
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('4 values differ between "staging" and "production":');
    const rows = lines.slice(3, lines.indexOf('', 3));
    expect(rows).toHaveLength(4);
    expect(rows.join('\n')).not.toContain('database.password');
    expect(result.stdout).toContain('\n1 secret is the same in both: database.password\n');
  });
});
