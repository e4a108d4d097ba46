import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, fixture, strata } from '@strata-internal/test-support/cli';

beforeAll(assertBuilt);

const SECRET = 'Sup3r-Secret-From-Env-7f3a';

const commands: readonly (readonly string[])[] = [
  ['validate'],
  ['validate', '--format', 'json'],
  ['validate', '--all-envs', '--env', 'production', '--env', 'staging', '--format', 'json'],
  ['print'],
  ['print', '--format', 'yaml', '--env', 'production'],
  ['explain', 'database.password'],
  ['explain', 'database.password', '--format', 'json', '--env', 'production'],
  ['diff', '--env', 'development', '--env', 'production'],
  ['diff', '--env', 'development', '--env', 'production', '--format', 'json'],
  ['docs'],
  ['schema'],
  ['env-example'],
  ['migrate'],
];

describe('secrets in output', () => {
  it("a secret set through the environment never appears in any command's output", async () => {
    const results = await Promise.all(
      commands.map(async (args) => ({
        args,
        ...(await strata(args, { env: { APP_DATABASE__PASSWORD: SECRET } })),
      })),
    );
    for (const { args, code, stdout, stderr } of results) {
      expect({ args, code }).toEqual({ args, code: 0 });
      expect(stdout + stderr, args.join(' ')).not.toContain(SECRET);
    }
    // The secret is in effect (explain names its origin), just never printed.
    const explain = results.find((r) => r.args.includes('--format') && r.args[0] === 'explain')!;
    expect(JSON.parse(explain.stdout)).toMatchObject({
      value: '[redacted]',
      source: { source: 'env', locator: 'APP_DATABASE__PASSWORD' },
      candidates: [{ value: '[redacted]', winner: true }],
    });
    // Thirteen CLI processes at once: on a loaded 2-core machine they took past the default 20 s guard.
  }, 90_000);

  it('a secret that breaks a rule is reported without its value', async () => {
    const short = 'Xq7#z';
    const runs = await Promise.all([
      strata(['validate'], { env: { APP_DATABASE__PASSWORD: short } }),
      strata(['validate', '--format', 'json'], { env: { APP_DATABASE__PASSWORD: short } }),
      strata(['print'], { env: { APP_DATABASE__PASSWORD: short } }),
    ]);
    expect(runs[0]!.code).toBe(1);
    expect(runs[0]!.stdout).toContain(
      'database.password: must be longer than or equal to 8 characters — got [redacted] from env APP_DATABASE__PASSWORD',
    );
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(short);
  });

  it('secret values in files stay out of migrate diffs', async () => {
    const result = await strata(['migrate', '--env', 'production'], {
      cwd: fixture('migrate'),
      env: { APP_DATABASE__PASSWORD: SECRET },
    });
    expect(result.stdout).toContain('password: [redacted]');
    expect(result.stdout).not.toContain('file-secret-value-123');
    expect(result.stdout).not.toContain(SECRET);
  });
});
