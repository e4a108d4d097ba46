import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, fixture, type RunResult, startRuns } from '@strata-internal/test-support/cli';

const specs = {
  printJson: [['print', '--env', 'production'], { env: { APP_DATABASE__PASSWORD: 'prod-password-1' } }],
  printYaml: [['print', '--format', 'yaml'], { cwd: fixture('unknown-keys') }],
  printInvalid: [['print'], { cwd: fixture('invalid') }],
  explainText: [
    ['explain', 'database.poolSize', '--env', 'production'],
    { env: { APP_DATABASE__PASSWORD: 'prod-password-1', APP_DATABASE__POOL_SIZE: '25' } },
  ],
  explainJson: [['explain', 'server.port', '--format', 'json']],
  explainTypo: [['explain', 'databse.url']],
  envSourceText: [['explain', '--env-source'], { env: { APP_ENV: 'qa', NODE_ENV: 'test' } }],
  envSourceJson: [['explain', '--env-source', '--env', 'staging', '--format', 'json']],
  envSourceCi: [['explain', '--env-source'], { env: { CI: 'true' } }],
  explainSection: [['explain', 'server']],
  unknownCommand: [['valdiate']],
  unknownOption: [['print', '--colour']],
  missingPath: [['explain']],
  badFormat: [['print', '--format', 'toml']],
  help: [['validate', '--help']],
  bare: [[]],
} as const;

let runs: Record<keyof typeof specs, Promise<RunResult>>;
beforeAll(() => {
  assertBuilt();
  runs = startRuns(specs);
});

describe('strata print', () => {
  it('prints the resolved configuration as JSON, secrets redacted', async () => {
    const result = await runs.printJson;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      server: { host: '0.0.0.0', port: 80 },
      database: { url: 'postgres://db.internal:5432/strata', password: '[redacted]', poolSize: 40 },
      log: { level: 'warn' },
    });
  });

  it('prints YAML with --format yaml, and warnings on standard error', async () => {
    const result = await runs.printYaml;
    expect(result.code).toBe(0);
    expect(parse(result.stdout)).toMatchObject({
      server: { port: 8080 },
      database: { password: '[redacted]' },
    });
    expect(result.stderr).toContain('warning: server.prot: is not a known setting');
  });

  it('exits 1 with every problem when the configuration is invalid', async () => {
    const result = await runs.printInvalid;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is invalid (2 problems)');
  });
});

describe('strata explain', () => {
  it('shows the value, where it came from and every candidate', async () => {
    const result = await runs.explainText;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('database.poolSize = 25');
    expect(result.stdout).toContain('from:         env APP_DATABASE__POOL_SIZE');
    expect(result.stdout).toContain('default:      10');
    expect(result.stdout).toMatch(/- file config\/default\.yaml:6:13\s+10/);
    expect(result.stdout).toMatch(/- file config\/production\.yaml:6:13\s+40/);
    expect(result.stdout).toMatch(/✓ env APP_DATABASE__POOL_SIZE\s+"25"/);
    expect(result.stdout).toContain('set by:       env APP_DATABASE__POOL_SIZE');
    expect(result.stdout).toContain('description:  Connections in the pool');
    expect(result.stdout).toContain('reloadable:   yes');
  });

  it('gives the explanation as JSON', async () => {
    const result = await runs.explainJson;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      path: 'server.port',
      type: 'integer',
      secret: false,
      value: 8080,
      source: { source: 'file', locator: 'config/default.yaml:4:9' },
      candidates: [
        { origin: { source: 'file', locator: 'config/default.yaml:4:9' }, value: 8080, winner: true },
      ],
      defaultValue: 8080,
      inputs: expect.arrayContaining(['env APP_SERVER__PORT']),
      description: 'TCP port',
      reloadable: true,
    });
  });

  it('exits 2 with a did-you-mean for an unknown path, and lists the values of a section with their origins', async () => {
    const typo = await runs.explainTypo;
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('databse.url is not a known setting; did you mean database.url?');
    const section = await runs.explainSection;
    expect(section.code).toBe(0);
    expect(section.stdout).toMatch(
      /^server: 2 values — Where the HTTP server listens\.\n {2}environment: {2}\w+\n {2}server\.host = .+ {2}from .+\n {2}server\.port = .+ {2}from .+\n/,
    );
  });
});

describe('usage', () => {
  it('exits 2 for unknown commands and options, and a missing path', async () => {
    const unknown = await runs.unknownCommand;
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('unknown command "valdiate". Did you mean "validate"?');
    const option = await runs.unknownOption;
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--colour'");
    const missing = await runs.missingPath;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('explain needs a path');
    const format = await runs.badFormat;
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of json, yaml');
  });

  it('prints help with exit 0, and the command list without arguments with exit 2', async () => {
    const help = await runs.help;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: strata validate');
    expect(help.stdout).toContain('--all-envs');
    const bare = await runs.bare;
    expect(bare.code).toBe(2);
    for (const name of [
      'validate',
      'print',
      'explain',
      'diff',
      'watch',
      'docs',
      'schema',
      'env-example',
      'migrate',
      'init',
    ]) {
      expect(bare.stderr).toContain(`  ${name}`);
    }
  });
});

describe('strata explain --env-source', () => {
  it('says which input decided the environment', async () => {
    const text = await runs.envSourceText;
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('environment: qa\n  decided by: APP_ENV (APP_ENV)\n');
    const json = await runs.envSourceJson;
    expect(JSON.parse(json.stdout)).toEqual({
      environment: 'staging',
      source: { kind: 'option', detail: 'the environment option' },
    });
    expect((await runs.envSourceCi).stdout).toBe('environment: test\n  decided by: ci (CI=true)\n');
  });
});
