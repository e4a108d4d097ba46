import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, fixture, type RunResult, startRuns } from '@strata-internal/test-support/cli';

interface JsonIssue {
  path: string;
  message: string;
  constraint: string;
  severity: string;
  category: string;
  origin?: { source: string; locator: string };
  hint?: string;
}

interface JsonReport {
  valid: boolean;
  environments: {
    name: string;
    valid: boolean;
    values?: number;
    errors: JsonIssue[];
    warnings: JsonIssue[];
    notes: string[];
  }[];
}

const password = { APP_DATABASE__PASSWORD: 'a-long-production-password' };
const unknownKeys = fixture('unknown-keys');

// Every run starts at once (a few at a time) and each test checks its own.
const specs = {
  development: [['validate']],
  production: [['validate', '--env', 'production']],
  productionWithPassword: [['validate', '--env', 'production'], { env: password }],
  nodeEnv: [['validate'], { env: { NODE_ENV: 'production' } }],
  strataEnv: [['validate'], { env: { STRATA_ENV: 'staging', NODE_ENV: 'production' } }],
  invalid: [['validate'], { cwd: fixture('invalid') }],
  wrongType: [['validate', '--format', 'json'], { env: { APP_SERVER__PORT: '12abc' } }],
  parseError: [['validate'], { cwd: fixture('parse-error') }],
  parseErrorJson: [['validate', '--format', 'json'], { cwd: fixture('parse-error') }],
  unknownLenient: [['validate'], { cwd: unknownKeys, env: { APP_SERVR__PORT: '1' } }],
  unknownJson: [['validate', '--format', 'json'], { cwd: unknownKeys, env: { APP_SERVR__PORT: '1' } }],
  unknownStrict: [['validate', '--strict'], { cwd: unknownKeys }],
  unknownFailing: [['validate', '--format', 'json'], { cwd: unknownKeys, env: { APP_SERVER__PORT: 'x' } }],
  deprecated: [['validate'], { cwd: fixture('deprecated') }],
  several: [['validate', '--env', 'production', '--env', 'staging', '--env', 'development']],
  allEnvs: [['validate', '--all-envs', '--env', 'qa', '--format', 'json']],
  allEnvsMigrate: [['validate', '--all-envs'], { cwd: fixture('migrate') }],
  noDefinition: [['validate'], { cwd: fixture('no-definition') }],
  definitionThrows: [['validate'], { cwd: fixture('definition-throws') }],
  definitionEmpty: [['validate'], { cwd: fixture('definition-empty') }],
  configOption: [
    ['validate', '--cwd', fixture('basic'), '--config', 'strata.config.mjs'],
    { cwd: fixture('no-definition') },
  ],
  configMissing: [['validate', '--config', 'nope.mjs']],
} as const;

let runs: Record<keyof typeof specs, Promise<RunResult>>;
beforeAll(() => {
  assertBuilt();
  runs = startRuns(specs);
});

describe('strata validate', () => {
  it('passes a valid environment and counts its values', async () => {
    const result = await runs.development;
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('✓ configuration for "development" is valid (6 values)\n');
  });

  it('fails production naming database.password until APP_DATABASE__PASSWORD is set', async () => {
    const failing = await runs.production;
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('Configuration for environment "production" is invalid (1 problem):');
    expect(failing.stdout).toContain(
      'database.password: is required — not set by any source (env APP_DATABASE__PASSWORD',
    );
    const passing = await runs.productionWithPassword;
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('✓ configuration for "production" is valid');
  });

  it('takes the environment from STRATA_ENV or NODE_ENV like the application', async () => {
    expect((await runs.nodeEnv).code).toBe(1);
    expect((await runs.strataEnv).stdout).toContain('"staging" is valid');
  });

  it('lists every problem with its origin in one message', async () => {
    const result = await runs.invalid;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('is invalid (2 problems)');
    expect(result.stdout).toMatch(
      /server\.port: must not be greater than 65535 — got 70000 from file config\/default\.yaml:2:9/,
    );
    expect(result.stdout).toMatch(/log\.level: .* — got "verbose" from file config\/default\.yaml:7:10/);
  });

  it('reports a value of the wrong type from the environment with the variable name', async () => {
    const result = await runs.wrongType;
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.valid).toBe(false);
    expect(report.environments[0]!.errors).toEqual([
      expect.objectContaining({
        path: 'server.port',
        category: 'type',
        severity: 'error',
        origin: { source: 'env', locator: 'APP_SERVER__PORT' },
      }),
    ]);
  });

  it('reports a parse error with file, line and column (exit 1)', async () => {
    const result = await runs.parseError;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Configuration for environment "development" could not be loaded:');
    expect(result.stdout).toContain('config/default.yaml:4:1: flow sequence in block collection');
    const json = JSON.parse((await runs.parseErrorJson).stdout) as JsonReport;
    expect(json.environments[0]!.errors[0]).toMatchObject({
      category: 'source',
      constraint: 'parse',
      origin: { source: 'file', locator: 'config/default.yaml:4:1' },
    });
  });

  it('warns about unknown keys with a did-you-mean, and fails on them with --strict', async () => {
    const lenient = await runs.unknownLenient;
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain(
      'warning: server.prot: is not a known setting — from file config/default.yaml:2:9 (did you mean server.port?)',
    );
    expect(lenient.stdout).toContain(
      'warning: databse.url: is not a known setting — from file config/default.yaml:4:8 (did you mean database.url?)',
    );
    const json = JSON.parse((await runs.unknownJson).stdout) as JsonReport;
    const categories = json.environments[0]!.warnings.map((w) => [w.path, w.category]);
    expect(categories).toContainEqual(['server.prot', 'unreadFileKey']);
    expect(categories).toContainEqual(['databse.url', 'unreadFileKey']);
    expect(json.environments[0]!.warnings).toContainEqual(
      expect.objectContaining({
        category: 'unknownKey',
        origin: { source: 'env', locator: 'APP_SERVR__PORT' },
      }),
    );
    const strict = await runs.unknownStrict;
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('is invalid (2 problems)');
    expect(strict.stdout).toContain('server.prot: is not a known setting');
  });

  it('keeps unknown keys as warnings of an environment that fails for another reason', async () => {
    const env = (JSON.parse((await runs.unknownFailing).stdout) as JsonReport).environments[0]!;
    expect(env.valid).toBe(false);
    expect(env.errors.map((e) => e.path)).toEqual(['server.port']);
    expect(env.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['server.prot', 'databse.url']));
  });

  it('warns about deprecated keys in use, with their origin', async () => {
    const result = await runs.deprecated;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'warning: database.dsn: is deprecated since 2.0 — from file config/default.yaml:2:8 (use database.url instead)',
    );
  });

  it('validates several environments, reporting each even when one fails', async () => {
    const result = await runs.several;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ production: invalid (1 problem)');
    expect(result.stdout).toContain('    error [required] database.password: is required');
    expect(result.stdout).toContain('✓ staging: valid (6 values)');
    expect(result.stdout).toContain('✓ development: valid (6 values)');
    expect(result.stdout).toContain('3 environments checked: 2 valid, 1 invalid');
  });

  it('--all-envs checks every environment the file source has a profile for, plus each --env, as JSON', async () => {
    const result = await runs.allEnvs;
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.valid).toBe(false);
    expect(report.environments.map((e) => [e.name, e.valid])).toEqual([
      ['development', true],
      ['production', false],
      ['staging', true],
      ['qa', false],
    ]);
    for (const env of report.environments) {
      const keys = [
        'dotenv',
        'errors',
        'name',
        'notes',
        'valid',
        'warnings',
        ...(env.valid ? ['values'] : []),
      ];
      expect(Object.keys(env).sort()).toEqual(keys.sort());
    }
    expect(report.environments[1]!.errors).toEqual([
      expect.objectContaining({ path: 'database.password', category: 'required', constraint: 'required' }),
    ]);
    // qa has no profile file: only config/default.yaml applies, so url and password are missing.
    expect(report.environments[3]!.errors.map((e) => [e.path, e.category])).toEqual([
      ['database.url', 'required'],
      ['database.password', 'required'],
    ]);
  });

  it('--all-envs reports per environment in text, and an older file migrated in memory as a note', async () => {
    const result = await runs.allEnvsMigrate;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ development: valid (4 values)');
    expect(result.stdout).toContain('✓ production: valid (4 values)');
    expect(result.stdout).toContain(
      'note: config/default.yaml declares configVersion 1; migrated in memory to 3 (database.dsn became database.url; log.verbose became log.level). Run "strata migrate --write" to update the file.',
    );
    expect(result.stdout).toContain('2 environments checked: 2 valid, 0 invalid');
  });
});

describe('finding the definition', () => {
  it('exits 2 when there is no definition, naming what it looked for', async () => {
    const result = await runs.noDefinition;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no strata.config.mjs or strata.config.js in');
    expect(result.stderr).toContain('strata init');
  });

  it('exits 2 when the definition fails to import', async () => {
    const result = await runs.definitionThrows;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot load the definition strata.config.mjs');
    expect(result.stderr).toContain('@Section("not a path!")');
  });

  it('exits 2 when the definition has no sections', async () => {
    const result = await runs.definitionEmpty;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"sections" must list at least one @Section class');
  });

  it('takes --config relative to --cwd', async () => {
    expect((await runs.configOption).code).toBe(0);
    const missing = await runs.configMissing;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--config nope.mjs: no such file');
  });
});
