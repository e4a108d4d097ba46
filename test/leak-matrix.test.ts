// biome-ignore-all lint/suspicious/noTemplateCurlyInString: some strings here are Strata ${…} templates, not JavaScript ones.
// The leak matrix (issue 13): every output is checked for every source. Each SOURCE row puts a unique canary
// secret into a `@Secret` field of a section of its own (`<key>.secret`) through one input route; each OUTPUT
// row is something a person, a log or a pipe could see. The scenario loads all sources together, reloads,
// breaks and validates them, runs the built CLI over the same project, and then asserts, for every (source,
// output) pair, that the output contains neither the canary nor its hex or base64 forms.
//
// A new package adds rows: a source row (how its value gets in, how it changes, how its input breaks) and
// output rows for what it prints. Known leaks not fixed on this branch are listed in `knownLeaks` and run as
// `it.fails`, so each turns into a failure the moment it is fixed: then delete its entry from `knownLeaks`.
//
// test/leaks.test.ts stays beside this file: it drives hand-written scenarios (secrets commands, a tampered
// envelope, key rotation) that do not fit one row per source.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { secretsManagerSource } from '@strata/aws-secrets';
import { ssmSource } from '@strata/aws-ssm';
import {
  type Config,
  type ConfigEvent,
  type ConfigSource,
  ConfigValidationError,
  type Constructor,
  type LeafValue,
  loadConfig,
  type Logger,
  ParseError,
  Secret,
  type ScopeView,
  Section,
  type Snapshot,
} from '@strata/core';
import { cachedSource, layerFromTree } from '@strata/core/source';
import { encryptValue, generateKey, parseKeyring } from '@strata/core/secrets';
import { argvSource, dotenvSource, envSource } from '@strata/env';
import { fileSource, mountedDirSource, scopedFileSource } from '@strata/file';
import { vaultDynamicSource, vaultSource } from '@strata/vault';
import { type HttpSurfaceOutputs, runHttpSurface } from './support/http-surface-scenario.js';
import { recordEvents, tempDir, waitFor, everyView } from '@strata-internal/test-support';
import {
  assertBuilt,
  copyFixture,
  type FixtureCopy,
  LineReader,
  type RunResult,
  spawnStrata,
  runEnv,
  strata,
} from '@strata-internal/test-support/cli';
import {
  type SecretsManagerTestServer,
  startSecretsManagerTestServer,
} from '@strata-internal/test-support/secrets-manager';
import { type SsmTestServer, startSsmTestServer } from '@strata-internal/test-support/ssm';
import { startVaultTestServer, type VaultTestServer } from '@strata-internal/test-support/vault';
import { IsString, MinLength, NotContains } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FleetRoute, FleetAppConfig, startFleetRoute } from './support/fleet-route.js';

const KEY = generateKey('matrix-k1').line;
const keyring = parseKeyring(KEY);
const VAULT_TOKEN = 'hvs.leak-matrix-token';
/** Appended to a value to make it break the `NotContains('REJECT')` rule every secret carries. */
const REJECT = '-REJECT';
/** What the Vault test server's dynamic role issues as credentials next (the dynamic-secret row sets it). */
const dynamicCredential = { value: 'not-a-canary' };

// ── The world the source rows write into ─────────────────────────────────────────────────────────────────

/** What a source row may touch: the project directory, the protocol servers, the engine's inputs. */
interface World {
  readonly dir: string;
  readonly vault: VaultTestServer;
  readonly ssm: SsmTestServer;
  readonly secretsManager: SecretsManagerTestServer;
  readonly env: Record<string, string>;
  readonly argv: string[];
  /** The plugin source's tree (a source built with `layerFromTree`). */
  readonly pluginTree: { [key: string]: LeafValue };
}

/** One route by which a secret enters. */
interface LeakSource {
  /** The section name: the row's secret is at `<key>.secret`. */
  readonly key: string;
  readonly label: string;
  /** The unique secret; every value the row writes starts with it. */
  readonly canary: string;
  /** A `@Secret` default instead of an input (the field's property initialiser). */
  readonly secretDefault?: string;
  /** Put `value` in (called again with other values for reloads). */
  set?(world: World, value: string): Promise<void> | void;
  /** Write an input that fails to parse, with the secret at or near the broken line, under `dir`. */
  broken?(dir: string): Promise<void>;
  /** Whether the CLI project carries this source too (argv and derive overlays are in-process only). */
  readonly cli: boolean;
  /**
   * The row's section also has a plain (not `@Secret`) string field `derived`, which the row fills from a
   * `${…}` template that uses the secret: a value built from a secret is secret, so it must not show either.
   */
  readonly derived?: true;
}

const write = async (dir: string, file: string, text: string): Promise<void> => {
  await mkdir(join(dir, file, '..'), { recursive: true });
  await writeFile(join(dir, file), text);
};

/** Every source. A new source is one more row. */
const sources: readonly LeakSource[] = [
  {
    key: 'yaml',
    label: 'file: YAML',
    canary: 'LEAK-yaml-1c7e',
    cli: true,
    // An unknown key next to it carries the secret too: unknown keys are reported as warnings.
    set: (w, v) => write(w.dir, 'config/default.yaml', `yaml:\n  secret: ${v}\n  secrte: ${v}-typo\n`),
    broken: (dir) => write(dir, 'config/default.yaml', 'yaml:\n  secret: LEAK-yaml-1c7e: with a colon\n'),
  },
  {
    key: 'block',
    label: 'file: YAML block scalar',
    canary: 'LEAK-block-52d0',
    cli: true,
    set: (w, v) =>
      write(w.dir, 'block/settings.yaml', `block:\n  secret: |\n      ${v}-line1\n      ${v}-line2\n`),
    // The excerpt of this parse error is the dedented second line of the secret, which looks like `key: x`.
    broken: (dir) =>
      write(
        dir,
        'block/settings.yaml',
        'block:\n  secret: |\n      LEAK-block-52d0-line1\n    LEAK-block-52d0-line2: x\n',
      ),
  },
  {
    key: 'json',
    label: 'file: JSON',
    canary: 'LEAK-json-8a41',
    cli: true,
    set: (w, v) => write(w.dir, 'json/settings.json', `{\n  "json": {\n    "secret": "${v}"\n  }\n}\n`),
    broken: (dir) =>
      write(dir, 'json/settings.json', '{\n  "json": {\n    "secret": "LEAK-json-8a41" x\n  }\n}\n'),
  },
  {
    key: 'toml',
    label: 'file: TOML',
    canary: 'LEAK-toml-3f96',
    cli: true,
    set: (w, v) => write(w.dir, 'toml/settings.toml', `[toml]\nsecret = "${v}"\n`),
    broken: (dir) => write(dir, 'toml/settings.toml', '[toml]\nsecret = "LEAK-toml-3f96" = x\n'),
  },
  {
    key: 'enc',
    label: 'file: encrypted enc:v1 value',
    canary: 'LEAK-enc-d20b',
    cli: true,
    set: (w, v) =>
      write(
        w.dir,
        'enc/settings.yaml',
        `enc:\n  secret: ${encryptValue({ value: v, path: 'enc.secret', keyring })}\n`,
      ),
  },
  {
    key: 'env',
    label: 'environment variable',
    canary: 'LEAK-env-6b13',
    cli: true,
    set: (w, v) => {
      w.env.APP_ENV__SECRET = v;
      w.env.APP_ENV__SECRTE = `${v}-typo`;
    },
  },
  {
    key: 'dotenv',
    label: '.env file',
    canary: 'LEAK-dotenv-a95c',
    cli: true,
    set: (w, v) => write(w.dir, '.env', `APP_DOTENV__SECRET=${v}\n`),
  },
  {
    key: 'argv',
    label: 'command-line flag',
    canary: 'LEAK-argv-07f2',
    cli: false,
    set: (w, v) => {
      w.argv.splice(0, w.argv.length, `--argv.secret=${v}`);
    },
  },
  {
    key: 'vault',
    label: 'Vault KV v2',
    canary: 'LEAK-vault-e4a8',
    cli: true,
    set: (w, v) => {
      w.vault.writeSecret('secret/app/development', { secret: v });
    },
  },
  {
    key: 'dynamic',
    label: 'Vault dynamic secret (lease-based credentials)',
    canary: 'LEAK-dynamic-7b2f',
    cli: true,
    // The next credentials the engine issues; a running source keeps its lease until it rotates.
    set: (_w, v) => {
      dynamicCredential.value = v;
    },
  },
  {
    key: 'ssm',
    label: 'SSM SecureString',
    canary: 'LEAK-ssm-9d35',
    cli: true,
    set: (w, v) => {
      w.ssm.put('/app/development/ssm/secret', v, 'SecureString');
    },
  },
  {
    key: 'sm',
    label: 'Secrets Manager JSON secret (behind the sealed cache)',
    canary: 'LEAK-sm-c7d0',
    cli: false,
    set: (w, v) => {
      const text = JSON.stringify({ secret: v });
      if (w.secretsManager.get('app/development/sm') === undefined)
        w.secretsManager.create('app/development/sm', text);
      else w.secretsManager.rotate('app/development/sm', text);
    },
  },
  {
    key: 'mounted',
    label: 'mounted secret directory (mountedDirSource)',
    canary: 'LEAK-mounted-3b9e',
    cli: false,
    set: async (w, v) => {
      await mkdir(join(w.dir, 'mounted'), { recursive: true });
      await writeFile(join(w.dir, 'mounted', 'mounted__secret'), `${v}\n`);
    },
  },
  {
    key: 'plugin',
    label: 'plugin layer (layerFromTree)',
    canary: 'LEAK-plugin-41bb',
    cli: false,
    set: (w, v) => {
      w.pluginTree.plugin = { secret: v };
    },
  },
  {
    key: 'overlay',
    label: 'derive() overlay',
    canary: 'LEAK-overlay-c3d6',
    cli: false,
    // Laid over the configuration by `derive` in the scenario; the section's own value is a plain default.
    secretDefault: 'not-a-canary',
  },
  {
    key: 'override',
    label: 'runtime override (config.overrides)',
    canary: 'LEAK-override-5e27',
    cli: false,
    // Set (and then refused) through `config.overrides` in the scenario; the section's default is plain.
    secretDefault: 'not-a-canary',
  },
  {
    key: 'tmpl',
    label: 'template: a plain field built from a @Secret key (${tmpl.secret})',
    canary: 'LEAK-tmpl-7a3c',
    cli: true,
    derived: true,
    // local.yaml: a profile of the config directory no other row writes.
    set: (w, v) =>
      write(w.dir, 'config/local.yaml', `tmpl:\n  secret: ${v}\n  derived: "pg://u:\${tmpl.secret}@db/x"\n`),
  },
  {
    key: 'tmplenv',
    label: 'template: ${secret:env:NAME} in a @Secret field and in a plain one',
    canary: 'LEAK-tmplenv-e61f',
    cli: true,
    derived: true,
    set: async (w, v) => {
      w.env.LEAK_TEMPLATE_TOKEN = v;
      await write(
        w.dir,
        'config/local-development.yaml',
        'tmplenv:\n  secret: "${secret:env:LEAK_TEMPLATE_TOKEN}"\n  derived: "Bearer ${secret:env:LEAK_TEMPLATE_TOKEN}"\n',
      );
    },
  },
  {
    key: 'tenant',
    label: 'tenant file (config.scope)',
    canary: 'LEAK-tenant-8b41',
    cli: false,
    // The service's value is a plain default; tenant acme's file (a scoped source) sets the secret, with an
    // unknown key beside it. The scenario also asks for a tenant whose secret breaks its rule and one whose
    // file does not parse.
    secretDefault: 'not-a-canary',
    set: (w, v) => write(w.dir, 'tenants/acme.yaml', `tenant:\n  secret: ${v}\n  secrte: ${v}-typo\n`),
  },
  {
    key: 'initial',
    label: "a secret's default value",
    canary: 'LEAK-default-2e90',
    secretDefault: 'LEAK-default-2e90',
    cli: true,
  },
];

/** A section `<key>` with one `@Secret` string field, `secret`, built as tsc would compile the decorators. */
function sectionOf(row: LeakSource, strict: boolean): Constructor {
  const initial = row.secretDefault;
  const cls = class {
    secret: string | undefined = initial;
  };
  Object.defineProperty(cls, 'name', { value: `${row.key[0]!.toUpperCase()}${row.key.slice(1)}Config` });
  // A rule every canary meets, and (strict) one it breaks, so the validation error names every secret.
  const rules = [IsString(), NotContains('REJECT'), Secret(), ...(strict ? [MinLength(500)] : [])];
  Reflect.decorate([...rules, Reflect.metadata('design:type', String)], cls.prototype, 'secret');
  if (row.derived) {
    Reflect.decorate([IsString(), Reflect.metadata('design:type', String)], cls.prototype, 'derived');
  }
  Reflect.decorate([Section(row.key)], cls);
  return cls;
}

// ── What the scenario collects ───────────────────────────────────────────────────────────────────────────

interface Collected {
  /** Where the Secrets Manager row's sealed last-good cache is written. */
  cacheDir: string;
  config: Config;
  first: Snapshot;
  derived: Snapshot;
  logs: string[];
  events: ConfigEvent[];
  /** Events of watching configurations whose remote source fails (vault sealed, SSM access denied). */
  failingEvents: ConfigEvent[];
  validationError: unknown;
  deriveError: unknown;
  overrideError: unknown;
  /** Tenant acme's view before the reloads and after them. */
  scoped: ScopeView[];
  /** The ScopeErrors of a tenant whose secret breaks its rule and of one whose file does not parse. */
  scopeErrors: unknown[];
  parseErrors: Record<string, unknown>;
  cli: Record<string, RunResult>;
  /** What @strata/http served, streamed, recorded and printed (test/support/http-surface-scenario.ts). */
  http: HttpSurfaceOutputs;
}

const got = {
  logs: [],
  events: [],
  failingEvents: [],
  parseErrors: {},
  cli: {},
  scoped: [],
  scopeErrors: [],
} as unknown as Collected;

/** Everything an error or value shows: message, stack, util.inspect (showHidden), JSON, String(). */

const secretPaths = sources.flatMap((row) =>
  row.derived ? [`${row.key}.secret`, `${row.key}.derived`] : [`${row.key}.secret`],
);

/** One output: what it shows, and whether it covers the CLI (only sources the CLI project carries). */
interface LeakOutput {
  readonly name: string;
  readonly cli?: boolean;
  show(): string;
}

const cliOutput = (name: string, run: string): LeakOutput => ({
  name: `CLI: strata ${name}`,
  cli: true,
  show: () => {
    const result = got.cli[run];
    if (!result) throw new Error(`the CLI run "${run}" did not happen`);
    return `${result.stdout}\n${result.stderr}`;
  },
});

/** Every output. A new output is one more row. */
const outputs: readonly LeakOutput[] = [
  {
    name: 'ConfigValidationError (message, stack, inspect, JSON)',
    show: () => everyView(got.validationError),
  },
  { name: 'ConfigValidationError from derive()', show: () => everyView(got.deriveError) },
  { name: 'ConfigValidationError from config.overrides.set()', show: () => everyView(got.overrideError) },
  { name: 'config.overrides.list()', show: () => everyView(got.config.overrides.list()) },
  {
    name: 'ScopeError of an invalid and of an unparsable tenant file (message, stack, inspect, JSON)',
    show: () => got.scopeErrors.map(everyView).join('\n'),
  },
  {
    name: 'scope view toJSON, inspect, warnings and explain() of every secret path',
    show: () =>
      got.scoped
        .flatMap((view) => [
          everyView(view),
          everyView(view.warnings),
          ...secretPaths.map((p) => everyView(view.explain(p))),
        ])
        .join('\n'),
  },
  {
    name: 'ParseError of each broken input (message, stack, inspect, JSON)',
    show: () => Object.values(got.parseErrors).map(everyView).join('\n'),
  },
  {
    name: '`changed` events and their JSON',
    show: () => everyView(got.events.filter((e) => e.type === 'changed')),
  },
  {
    name: '`rejected` events and their JSON',
    show: () => everyView(got.events.filter((e) => e.type === 'rejected')),
  },
  {
    name: '`sourceFailed` / `sourceRecovered` events and their JSON',
    show: () => everyView(got.failingEvents),
  },
  {
    name: 'snapshot toJSON and inspect (current, generation 1, derived)',
    show: () => [got.config.snapshot, got.first, got.derived].map(everyView).join('\n'),
  },
  {
    name: 'explain() of every secret path (current, generation 1, derived)',
    show: () =>
      [got.config.snapshot, got.first, got.derived]
        .flatMap((s) => secretPaths.map((p) => everyView(s.explain(p))))
        .join('\n'),
  },
  {
    name: 'snapshot.diff() and history()',
    show: () => everyView([got.config.snapshot.diff(got.first), got.config.history()]),
  },
  { name: 'warnings sent to the logger', show: () => got.logs.join('\n') },
  {
    name: 'the sealed last-good cache files on disk',
    show: () =>
      readdirSync(got.cacheDir)
        .map((name) => readFileSync(join(got.cacheDir, name), 'utf8'))
        .join('\n'),
  },
  { name: 'config.warnings', show: () => everyView(got.config.warnings) },
  {
    name: 'util.inspect(config, { showHidden: true, depth: Infinity })',
    show: () => inspect(got.config, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
  },
  {
    name: 'util.inspect(config.schema, { showHidden: true, depth: Infinity })',
    show: () => inspect(got.config.schema, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
  },
  {
    name: 'JSON.stringify(config) and of every section',
    show: () => everyView([got.config, ...sectionValues()]),
  },
  {
    name: 'HTTP: every GET endpoint (config, explain, history, diff, schema, health, environments)',
    show: () => got.http.reads,
  },
  { name: 'HTTP: GET /metrics (every metric and label value)', show: () => got.http.metrics },
  {
    name: 'HTTP: write answers (overrides, validate, reload, rollback) and their errors',
    show: () => got.http.writes,
  },
  { name: 'HTTP: GET /events (Server-Sent Events)', show: () => got.http.events },
  { name: 'HTTP: audit records (JSON-lines file)', show: () => got.http.auditFile },
  { name: 'HTTP: audit records (pino-compatible logger)', show: () => got.http.auditLog },
  { name: 'HTTP: the inspector page and its files', show: () => got.http.ui },
  { name: 'CLI: strata audit (text and json)', show: () => got.http.auditCli },
  cliOutput('validate', 'validate'),
  cliOutput('validate --format json', 'validate --format json'),
  cliOutput('validate --env production (every secret breaks a rule)', 'validate --env production'),
  cliOutput('validate --env production --format json', 'validate --env production --format json'),
  cliOutput('validate with each broken input', 'validate broken'),
  cliOutput('validate --format json with each broken input', 'validate broken --format json'),
  cliOutput('print (json)', 'print'),
  cliOutput('print --format yaml', 'print --format yaml'),
  cliOutput('print --env production', 'print --env production'),
  cliOutput('print with each broken input', 'print broken'),
  cliOutput('explain <every secret path> (text)', 'explain'),
  cliOutput('explain <every secret path> --format json', 'explain --format json'),
  cliOutput('explain with each broken input', 'explain broken'),
  cliOutput('explain <every section> (its values, text)', 'explain section'),
  cliOutput('explain <every section> --format json', 'explain section --format json'),
  cliOutput('validate --all-envs (a .env note per environment)', 'validate --all-envs'),
  cliOutput(
    'validate --all-envs --dotenv-all --format json',
    'validate --all-envs --dotenv-all --format json',
  ),
  cliOutput('diff --env development --env production', 'diff'),
  cliOutput('diff --format json', 'diff --format json'),
  cliOutput('watch (a change, then a rejected change)', 'watch'),
  cliOutput('explain --env-source', 'explain --env-source'),
  cliOutput('new-env (the copied environment and its diff to review)', 'new-env'),
];

function sectionValues(): unknown[] {
  return got.config.schema.sections.map((s) => got.config.get(s.cls));
}

/**
 * (source key, output name) pairs that leak today and are fixed on another branch. Each runs as `it.fails`;
 * after the fix merges, the test fails until the pair is removed here.
 */
// Both leaks the audit found are fixed (the block-scalar excerpt by shape-only excerpts, the schema's
// @Secret default by a getter that inspect does not list); a new one found later goes here until fixed.
const knownLeaks: readonly { source: string; output: string; fixedOn: string }[] = [];

/** The forms of a secret an output must not contain: as is, hex, base64 and base64url. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')];
}

// ── The matrix ───────────────────────────────────────────────────────────────────────────────────────────

describe('leak matrix: every output, every source', () => {
  let project: Awaited<ReturnType<typeof tempDir>>;
  let vault: VaultTestServer;
  let ssm: SsmTestServer;
  let secretsManager: SecretsManagerTestServer;
  let cliProject: FixtureCopy;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    assertBuilt();
    vault = await startVaultTestServer({
      tokens: [VAULT_TOKEN],
      dynamic: [{ roles: [{ role: 'app', credentials: () => ({ secret: dynamicCredential.value }) }] }],
    });
    ssm = await startSsmTestServer();
    secretsManager = await startSecretsManagerTestServer();
    project = await tempDir('strata-leak-matrix-');
    await runLibrary();
    cliProject = await copyFixture(undefined);
    await runCli();
    // ~50 runs of the built CLI: about 40 s on an idle machine, several minutes on a loaded one.
  }, 600_000);

  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await Promise.all([
      vault?.stop(),
      ssm?.stop(),
      secretsManager?.stop(),
      project?.cleanup(),
      cliProject?.remove(),
    ]);
  });

  it('every source is in effect (the matrix is not vacuous)', () => {
    for (const row of sources) {
      const cls = got.config.schema.sections.find((s) => s.path === row.key)!.cls;
      const view = row.key === 'overlay' ? got.derived : row.key === 'tenant' ? got.scoped[1]! : got.config;
      const value = view.get(cls) as { secret: string };
      expect(value.secret, row.label).toContain(row.canary);
      if (row.derived) {
        expect((value as unknown as { derived: string }).derived, row.label).toContain(row.canary);
        expect(got.config.snapshot.isSecret(`${row.key}.derived`), row.label).toBe(true);
      }
    }
    const printed = JSON.parse(got.cli.print!.stdout) as Record<string, { secret: string }>;
    for (const row of sources.filter((r) => r.cli))
      expect(printed[row.key]?.secret, row.label).toBe('[redacted]');
    // The override's change and refusal, then the sources' change and refusal.
    expect(got.events.map((e) => e.type)).toEqual(['changed', 'rejected', 'changed', 'rejected']);
    expect(got.overrideError).toBeInstanceOf(ConfigValidationError);
    expect(got.failingEvents.map((e) => e.type)).toContain('sourceFailed');
    expect(got.logs.join('\n')).toContain('secrte');
    expect(got.validationError).toBeInstanceOf(ConfigValidationError);
    const invalid = (got.validationError as ConfigValidationError).issues.map((issue) => issue.path);
    expect(invalid).toEqual(
      expect.arrayContaining(secretPaths.filter((p) => p.endsWith('.secret') && p !== 'overlay.secret')),
    );
    expect(got.deriveError).toBeInstanceOf(ConfigValidationError);
    const tenantSection = got.config.schema.sections.find((s) => s.path === 'tenant')!.cls;
    expect(got.scoped.map((view) => (view.get(tenantSection) as { secret: string }).secret)).toEqual([
      rowOf('tenant').canary,
      `${rowOf('tenant').canary}-v2`,
    ]);
    expect(got.scopeErrors.map((error) => (error as Error).name)).toEqual(['ScopeError', 'ScopeError']);
    expect((got.scopeErrors[0] as Error).cause).toBeInstanceOf(ConfigValidationError);
    expect((got.scopeErrors[1] as Error).cause).toBeInstanceOf(ParseError);
    expect(got.scoped[0]!.warnings.map((issue) => issue.path)).toContain('tenant.secrte');
    for (const [key, error] of Object.entries(got.parseErrors)) {
      const parse = error instanceof ParseError ? error : (error as Error).cause;
      expect(parse, key).toBeInstanceOf(ParseError);
    }
    for (const name of ['validate', 'print', 'explain']) expect(got.cli[name]?.code, name).toBe(0);
    expect(Object.keys(got.parseErrors).sort()).toEqual(
      sources
        .filter((r) => r.broken)
        .map((r) => r.key)
        .sort(),
    );
  });

  for (const output of outputs) {
    describe(output.name, () => {
      for (const source of sources) {
        if (output.cli && !source.cli) continue;
        const known = knownLeaks.find((k) => k.source === source.key && k.output === output.name);
        const test = known ? it.fails : it;
        // `known` names the branch that fixes it: the lead flips these after merging.
        test(`shows no secret from ${source.label}${known ? ` (leaks until ${known.fixedOn})` : ''}`, () => {
          const text = output.show();
          for (const form of forms(source.canary))
            expect(text, `${source.canary} as ${form}`).not.toContain(form);
        });
      }
    });
  }

  // ── The scenario, in-process ───────────────────────────────────────────────────────────────────────────

  async function runLibrary(): Promise<void> {
    const world: World = { dir: project.dir, vault, ssm, secretsManager, env: {}, argv: [], pluginTree: {} };
    got.cacheDir = join(project.dir, 'cache');
    const setAll = async (suffix: string, only?: (row: LeakSource) => boolean) => {
      for (const row of sources)
        if (row.set && (only?.(row) ?? true)) await row.set(world, `${row.canary}${suffix}`);
    };
    await setAll('');
    Object.assign(world.env, { VAULT_ADDR: vault.url, VAULT_TOKEN, STRATA_KEYS: KEY });
    const logger = recordingLogger(got.logs);
    const plugin: ConfigSource = {
      name: 'plugin',
      async load() {
        return layerFromTree({
          source: 'plugin',
          tree: structuredClone(world.pluginTree),
          originOf: (path) => ({ source: 'plugin', locator: `plugin:${path.join('.')}` }),
        });
      },
    };
    const definitionSources = (dir: string): ConfigSource[] => [
      fileSource({ dir: `${dir}/config` }),
      fileSource({ file: `${dir}/block/settings.yaml`, optional: true, name: 'file:block' }),
      fileSource({ file: `${dir}/json/settings.json`, optional: true, name: 'file:json' }),
      fileSource({ file: `${dir}/toml/settings.toml`, optional: true, name: 'file:toml' }),
      fileSource({ file: `${dir}/enc/settings.yaml`, optional: true, name: 'file:enc' }),
      dotenvSource({ prefix: 'APP_', dir }),
      envSource({ prefix: 'APP_' }),
      argvSource(),
      vaultSource({ secrets: [{ path: 'secret/app/{env}', into: 'vault' }], requestTimeoutMs: 2000 }),
      vaultDynamicSource({
        secrets: [{ path: 'database/creds/app', into: 'dynamic' }],
        requestTimeoutMs: 2000,
      }),
      ssmSource({ path: '/app/{env}/', clientOptions: { ...ssm.clientOptions, maxAttempts: 1 } }),
      cachedSource(
        secretsManagerSource({
          secrets: [{ id: 'app/{env}/sm', key: 'sm' }],
          clientOptions: { ...secretsManager.clientOptions, maxAttempts: 1 },
        }),
        { dir: got.cacheDir, maxStaleMs: 60_000, keyring },
      ),
      mountedDirSource({ dir: `${dir}/mounted`, secret: true, optional: true }),
      plugin,
    ];
    const sections = sources.map((row) => sectionOf(row, false));
    const options = { cwd: project.dir, env: world.env, argv: world.argv, keyring, logger };
    const scopes = { sources: [scopedFileSource({ level: 'tenant', file: 'tenants/{tenant}.yaml' })] };
    const config = await loadConfig({ sections, sources: definitionSources('.'), scopes }, options);
    closers.push(() => config.close());
    got.config = config;
    got.first = config.snapshot;
    got.derived = await config.derive({ overlay: { secret: `${rowOf('overlay').canary}` } });
    got.deriveError = await failure(() =>
      config.derive({ overlay: { secret: `${rowOf('overlay').canary}${REJECT}` } }),
    );
    config.on('changed', (event) => got.events.push(event));
    config.on('rejected', (event) => got.events.push(event));

    // A runtime override of a secret (applied), then one its rule refuses.
    const override = rowOf('override').canary;
    await config.overrides.set('override.secret', override, { actor: 'ops', reason: 'leak matrix' });
    got.overrideError = await failure(() => config.overrides.set('override.secret', `${override}${REJECT}`));

    // Tenant acme's view; a tenant whose secret breaks its rule; one whose file does not parse near the secret.
    const tenant = rowOf('tenant').canary;
    got.scoped.push(await config.scope({ tenant: 'acme' }));
    await write(project.dir, 'tenants/rejected.yaml', `tenant:\n  secret: ${tenant}${REJECT}\n`);
    got.scopeErrors.push(await failure(() => config.scope({ tenant: 'rejected' })));
    await write(project.dir, 'tenants/broken.yaml', `tenant:\n  secret: ${tenant}: with a colon\n`);
    got.scopeErrors.push(await failure(() => config.scope({ tenant: 'broken' })));

    // A change of every mutable input, then a change every secret rule refuses, then back.
    await setAll('-v2', (row) => row.key !== 'env' && row.key !== 'argv');
    await config.reload();
    await setAll(REJECT, (row) => row.key !== 'env' && row.key !== 'argv');
    await config.reload();
    await setAll('-v2', (row) => row.key !== 'env' && row.key !== 'argv');
    await config.reload();
    got.scoped.push(await config.scope({ tenant: 'acme' }));

    got.validationError = await failure(() =>
      loadConfig(
        { sections: sources.map((row) => sectionOf(row, true)), sources: definitionSources('.') },
        options,
      ),
    );

    // Each broken input in a project of its own, the other inputs valid.
    for (const row of sources.filter((r) => r.broken)) {
      const dir = join(project.dir, `broken-${row.key}`);
      await mkdir(join(dir, 'config'), { recursive: true });
      await row.broken!(dir);
      got.parseErrors[row.key] = await failure(() =>
        loadConfig({ sections, sources: definitionSources(`broken-${row.key}`) }, options),
      );
    }

    // Remote sources failing while watched: `sourceFailed` (and `sourceRecovered`) events.
    const remote = await loadConfig(
      {
        sections: [rowOf('vault'), rowOf('ssm')].map((row) => sectionOf(row, false)),
        sources: [
          vaultSource({
            secrets: [{ path: 'secret/app/{env}', into: 'vault' }],
            pollIntervalMs: 100,
            requestTimeoutMs: 1000,
            retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
          }),
          ssmSource({
            path: '/app/{env}/',
            pollIntervalMs: 100,
            clientOptions: { ...ssm.clientOptions, maxAttempts: 1 },
          }),
        ],
      },
      { ...options, watch: true },
    );
    closers.push(() => remote.close());
    got.failingEvents = recordEvents(remote);
    vault.seal();
    ssm.fail('accessDenied');
    await waitFor(
      'two sourceFailed events',
      () => got.failingEvents.filter((e) => e.type === 'sourceFailed').length >= 2,
    );
    vault.unseal();
    ssm.clearFaults();

    // @strata/http over a configuration of the same sources: every endpoint, the event stream, the audit
    // trail and `strata audit`, through writes that apply and writes that are refused.
    got.http = await runHttpSurface({
      dir: project.dir,
      load: () => loadConfig({ sections, sources: definitionSources('.') }, options),
      overrideCanary: rowOf('override').canary,
      overlayCanary: rowOf('overlay').canary,
      reject: REJECT,
      secretPaths,
      setAll: (suffix) => setAll(suffix, (row) => row.key !== 'env' && row.key !== 'argv'),
    });
  }

  // ── The scenario, through the built CLI ────────────────────────────────────────────────────────────────

  async function runCli(): Promise<void> {
    const env: Record<string, string> = {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN,
      STRATA_KEYS: KEY,
      SSM_ENDPOINT: ssm.clientOptions.endpoint,
    };
    const cliRows = sources.filter((r) => r.cli);
    const broken = cliRows.filter((r) => r.broken);
    const brokenProjects = new Map<LeakSource, FixtureCopy>();
    for (const row of broken) brokenProjects.set(row, await copyFixture(undefined));
    closers.push(() => Promise.all([...brokenProjects.values()].map((copy) => copy.remove())));
    for (const copy of [cliProject, ...brokenProjects.values()]) {
      const world: World = { dir: copy.dir, vault, ssm, secretsManager, env, argv: [], pluginTree: {} };
      for (const row of cliRows) if (row.set) await row.set(world, row.canary);
      await writeFile(join(copy.dir, 'strata.config.mjs'), cliDefinition());
      // Production: every file-borne secret breaks its rule.
      const production = cliRows
        .filter((r) => ['yaml', 'block', 'json', 'toml', 'enc'].includes(r.key))
        .map((r) => `${r.key}:\n  secret: ${r.canary}${REJECT}\n`)
        .join('');
      await write(copy.dir, 'config/production.yaml', production);
    }
    for (const [row, copy] of brokenProjects) await row.broken!(copy.dir);
    const at = (dir: string) => ({ cwd: dir, env });
    const cliPaths = cliRows.flatMap((row) =>
      row.derived ? [`${row.key}.secret`, `${row.key}.derived`] : [`${row.key}.secret`],
    );
    const each = (runs: Promise<RunResult>[]) => Promise.all(runs).then(merge);
    const onBroken = (args: (row: LeakSource) => string[]) =>
      each([...brokenProjects].map(([row, copy]) => strata(args(row), at(copy.dir))));
    const runs: Record<string, Promise<RunResult>> = {
      validate: strata(['validate'], at(cliProject.dir)),
      'validate --format json': strata(['validate', '--format', 'json'], at(cliProject.dir)),
      'validate --env production': strata(['validate', '--env', 'production'], at(cliProject.dir)),
      'validate --env production --format json': strata(
        ['validate', '--env', 'production', '--format', 'json'],
        at(cliProject.dir),
      ),
      'validate broken': onBroken(() => ['validate']),
      'validate broken --format json': onBroken(() => ['validate', '--format', 'json']),
      print: strata(['print'], at(cliProject.dir)),
      'print --format yaml': strata(['print', '--format', 'yaml'], at(cliProject.dir)),
      'print --env production': strata(['print', '--env', 'production'], at(cliProject.dir)),
      'print broken': onBroken(() => ['print']),
      explain: each(cliPaths.map((path) => strata(['explain', path], at(cliProject.dir)))),
      'explain --format json': each(
        cliPaths.map((path) => strata(['explain', path, '--format', 'json'], at(cliProject.dir))),
      ),
      'explain broken': onBroken((row) => ['explain', `${row.key}.secret`]),
      'explain section': each(cliRows.map((row) => strata(['explain', row.key], at(cliProject.dir)))),
      'explain section --format json': each(
        cliRows.map((row) => strata(['explain', row.key, '--format', 'json'], at(cliProject.dir))),
      ),
      'validate --all-envs': strata(['validate', '--all-envs'], at(cliProject.dir)),
      'validate --all-envs --dotenv-all --format json': strata(
        ['validate', '--all-envs', '--dotenv-all', '--format', 'json'],
        at(cliProject.dir),
      ),
      diff: strata(['diff', '--env', 'development', '--env', 'production'], at(cliProject.dir)),
      'diff --format json': strata(
        ['diff', '--env', 'development', '--env', 'production', '--format', 'json'],
        at(cliProject.dir),
      ),
    };
    for (const [name, run] of Object.entries(runs)) {
      got.cli[name] = await run;
    }
    got.cli['explain --env-source'] = await strata(['explain', '--env-source'], at(cliProject.dir));
    // After the other runs: it adds config/qa.yaml (a copy of production, every file secret in it), which
    // --all-envs would otherwise pick up.
    got.cli['new-env'] = await strata(['new-env', 'qa', '--from', 'production'], at(cliProject.dir));
    got.cli.watch = await watchRun(cliProject.dir, env);
  }
});

function rowOf(key: string): LeakSource {
  return sources.find((row) => row.key === key)!;
}

function merge(results: RunResult[]): RunResult {
  return {
    code: Math.max(...results.map((r) => r.code)),
    stdout: results.map((r) => r.stdout).join('\n'),
    stderr: results.map((r) => r.stderr).join('\n'),
  };
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A logger that keeps every line, fields included, as text. */
function recordingLogger(lines: string[]): Logger {
  const record = (...args: unknown[]): void => {
    lines.push(format(...args));
  };
  return { debug: record, info: record, warn: record, error: record };
}

/** `strata watch` while the YAML file changes: a change, then a change every rule refuses. */
async function watchRun(dir: string, env: Record<string, string>): Promise<RunResult> {
  const child = spawnStrata(['watch'], { cwd: dir, env });
  const out = new LineReader(child.stdout);
  const err = new LineReader(child.stderr);
  const file = join(dir, 'config/default.yaml');
  const text = await readFile(file, 'utf8');
  const canary = rowOf('yaml').canary;
  try {
    await out.waitFor((line) => line.includes('"ready"'));
    await writeFile(file, text.replaceAll(canary, `${canary}-v2`));
    await out.waitFor((line) => line.includes('"changed"'));
    await writeFile(file, text.replaceAll(canary, `${canary}${REJECT}`));
    await out.waitFor((line) => line.includes('"rejected"'));
  } finally {
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    child.kill('SIGINT');
    await exited;
  }
  return { code: child.exitCode ?? -1, stdout: out.lines.join('\n'), stderr: err.lines.join('\n') };
}

/** The CLI project's definition: one section per CLI source row, in plain JavaScript. */
function cliDefinition(): string {
  const rows = sources.filter((r) => r.cli);
  const classes = rows
    .map((row) => {
      const name = `${row.key[0]!.toUpperCase()}${row.key.slice(1)}Config`;
      const initial = row.secretDefault === undefined ? '' : ` = ${JSON.stringify(row.secretDefault)}`;
      return [
        `export class ${name} {\n  secret${initial};\n}`,
        `decorateClass(${name}, Section('${row.key}'));`,
        `field(${name}, 'secret', type(String), IsString(), NotContains('REJECT'), Secret());`,
        ...(row.derived ? [`field(${name}, 'derived', type(String), IsString());`] : []),
      ].join('\n');
    })
    .join('\n\n');
  return `import { Secret, Section } from '@strata/core';
import { ssmSource } from '@strata/aws-ssm';
import { dotenvSource, envSource } from '@strata/env';
import { fileSource, scopedFileSource } from '@strata/file';
import { vaultDynamicSource, vaultSource } from '@strata/vault';
import { IsString, NotContains } from 'class-validator';
import { decorateClass, field, type } from '../shared/decorate.mjs';

${classes}

export default {
  sections: [${rows.map((row) => `${row.key[0]!.toUpperCase()}${row.key.slice(1)}Config`).join(', ')}],
  sources: [
    fileSource({ dir: 'config' }),
    fileSource({ file: 'block/settings.yaml', name: 'file:block' }),
    fileSource({ file: 'json/settings.json', name: 'file:json' }),
    fileSource({ file: 'toml/settings.toml', name: 'file:toml' }),
    fileSource({ file: 'enc/settings.yaml', name: 'file:enc' }),
    dotenvSource({ prefix: 'APP_' }),
    envSource({ prefix: 'APP_' }),
    vaultSource({ secrets: [{ path: 'secret/app/development', into: 'vault' }], requestTimeoutMs: 2000 }),
    vaultDynamicSource({ secrets: [{ path: 'database/creds/app', into: 'dynamic' }], requestTimeoutMs: 2000 }),
    ssmSource({
      path: '/app/development/',
      clientOptions: {
        endpoint: process.env.SSM_ENDPOINT,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      },
    }),
  ],
};
`;
}

// ── Flags (@strata/flags) ────────────────────────────────────────────────────────────────────────────────
// A secret flag (`@Flag({ secret: true })`, the CLI's `flags` fixture: features.mirrorUrl) whose rules carry a
// canary, from a YAML file and from JSON text in an env variable. Every output that shows flags, their rules
// or their evaluation (the CLI's flags commands and explain, validation errors, events, the OpenFeature
// provider's events and error details) must not contain either canary. `evaluate()` returning the value to
// the application is the point of a flag, so it is not an output here.

describe('leak matrix: flags', () => {
  const canaries = { yaml: 'LEAK-flagyaml-9b1c', env: 'LEAK-flagenv-4e7d' } as const;
  const yamlRules = (value: string) =>
    `features:\n  mirrorUrlRules:\n    rules:\n      - name: eu\n        when: { region: eu }\n        value: https://eu.example/?t=${value}\n`;
  const envRules = JSON.stringify({
    rules: [{ name: 'us', when: { region: 'us' }, value: `https://us/?t=${canaries.env}` }],
  });
  // A split whose shares do not sum to 100, keyed by canary-carrying values: the problem must not quote them.
  const brokenRules = `features:\n  mirrorUrlRules:\n    split: { 'https://x/?t=${canaries.yaml}': 60, 'https://y/?t=${canaries.yaml}-b': 30 }\n`;
  const outputs: Record<string, string> = {};
  let project: FixtureCopy;
  let broken: FixtureCopy;

  beforeAll(async () => {
    assertBuilt();
    project = await copyFixture('flags');
    broken = await copyFixture('flags');
    await write(project.dir, 'config/default.yaml', yamlRules(canaries.yaml));
    await write(broken.dir, 'config/default.yaml', brokenRules);
    const env = { APP_FEATURES__MIRROR_URL_RULES: envRules };
    const fileOnly = { cwd: project.dir };
    const withEnv = { cwd: project.dir, env };
    const runs: Record<string, Promise<RunResult>> = {
      'flags explain (context, text)': strata(
        ['flags', 'explain', 'features.mirrorUrl', '--context', '{"region":"eu"}'],
        fileOnly,
      ),
      'flags explain (context, json)': strata(
        ['flags', 'explain', 'features.mirrorUrl', '--context', '{"region":"eu"}', '--format', 'json'],
        fileOnly,
      ),
      'flags explain (env rules, text)': strata(
        ['flags', 'explain', 'features.mirrorUrl', '--context', '{"region":"us"}'],
        withEnv,
      ),
      'flags explain (env rules, json)': strata(
        ['flags', 'explain', 'features.mirrorUrl', '--context', '{"region":"us"}', '--format', 'json'],
        withEnv,
      ),
      'flags explain (rules only)': strata(['flags', 'explain', 'features.mirrorUrl'], withEnv),
      'flags list': strata(['flags', 'list'], withEnv),
      'flags list --format json': strata(['flags', 'list', '--format', 'json'], withEnv),
      'explain <flag>': strata(['explain', 'features.mirrorUrl'], withEnv),
      'explain <flag> --format json': strata(['explain', 'features.mirrorUrl', '--format', 'json'], withEnv),
      'explain <rules key>': strata(['explain', 'features.mirrorUrlRules'], withEnv),
      'explain <rules key> --format json': strata(
        ['explain', 'features.mirrorUrlRules', '--format', 'json'],
        withEnv,
      ),
      print: strata(['print'], withEnv),
      'print --format yaml': strata(['print', '--format', 'yaml'], withEnv),
      'validate (broken secret rules)': strata(['validate'], { cwd: broken.dir }),
      'validate (broken secret rules) --format json': strata(['validate', '--format', 'json'], {
        cwd: broken.dir,
      }),
      'flags explain (broken secret rules)': strata(['flags', 'explain', 'features.mirrorUrl'], {
        cwd: broken.dir,
      }),
    };
    for (const [name, run] of Object.entries(runs)) {
      const result = await run;
      outputs[`cli: ${name}`] = `${result.stdout}\n${result.stderr}`;
    }

    // In process: the definition the fixture uses, loaded from the copy (so @Flag marks are the CLI's copy's).
    const definition = (await import(join(project.dir, 'strata.config.mjs'))) as {
      default: { sections: Constructor[]; sources: ConfigSource[] };
    };
    const { createFlags } = await import('@strata/flags');
    const { StrataProvider } = await import('@strata/flags/openfeature');
    const { OpenFeature, ProviderEvents } = await import('@openfeature/server-sdk');
    // The env canary is the flag's own (fallback) value here: env JSON rules would replace the file's rules
    // whole, and the file edits below would change nothing.
    const processEnv = { APP_FEATURES__MIRROR_URL: `https://default/?t=${canaries.env}` };
    const options = { cwd: project.dir, env: processEnv, argv: [], environment: 'development', watch: true };
    const config = await loadConfig(definition.default, options);
    const events = recordEvents(config);
    const provider = new StrataProvider(config);
    await OpenFeature.setProviderAndWait('leak-matrix-flags', provider);
    const client = OpenFeature.getClient('leak-matrix-flags');
    const providerEvents: unknown[] = [];
    client.addHandler(ProviderEvents.ConfigurationChanged, (details) => providerEvents.push(details));
    try {
      await write(project.dir, 'config/default.yaml', yamlRules(`${canaries.yaml}-v2`));
      await waitFor('the edited rules', () => events.some((event) => event.type === 'changed'));
      await write(project.dir, 'config/default.yaml', brokenRules);
      await waitFor('the rejected rules', () => events.some((event) => event.type === 'rejected'));
      await waitFor('the provider event', () => providerEvents.length > 0);
      outputs['events (changed, rejected)'] = everyView(events);
      outputs['OpenFeature ConfigurationChanged'] = everyView(providerEvents);
      outputs['OpenFeature TYPE_MISMATCH details'] = everyView(
        await client.getBooleanDetails('features.mirrorUrl', false),
      );
      // The value goes to the application; the variant and metadata go to hooks, logs and telemetry.
      const { value: _value, ...telemetry } = await client.getStringDetails('features.mirrorUrl', 'x', {
        region: 'eu',
      });
      outputs['OpenFeature details but the value (variant, metadata)'] = everyView(telemetry);
      outputs['inspect(flags), inspect(provider)'] =
        `${everyView(createFlags(config))}\n${everyView(provider)}`;
      outputs['validation error (broken secret rules)'] = everyView(
        await loadConfig(definition.default, { ...options, cwd: broken.dir, watch: false }).then(
          () => 'loaded',
          (error: unknown) => error,
        ),
      );
    } finally {
      await OpenFeature.clearProviders();
      await config.close();
    }
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
    await broken?.remove();
  });

  const names = [
    'cli: flags explain (context, text)',
    'cli: flags explain (context, json)',
    'cli: flags explain (env rules, text)',
    'cli: flags explain (env rules, json)',
    'cli: flags explain (rules only)',
    'cli: flags list',
    'cli: flags list --format json',
    'cli: explain <flag>',
    'cli: explain <flag> --format json',
    'cli: explain <rules key>',
    'cli: explain <rules key> --format json',
    'cli: print',
    'cli: print --format yaml',
    'cli: validate (broken secret rules)',
    'cli: validate (broken secret rules) --format json',
    'cli: flags explain (broken secret rules)',
    'events (changed, rejected)',
    'OpenFeature ConfigurationChanged',
    'OpenFeature TYPE_MISMATCH details',
    'OpenFeature details but the value (variant, metadata)',
    'inspect(flags), inspect(provider)',
    'validation error (broken secret rules)',
  ];
  const pairs = names.flatMap((output) =>
    Object.entries(canaries).map(([source, canary]) => [output, source, canary] as const),
  );

  it.each(pairs)('%s shows no secret from the %s rules', (output, _source, canary) => {
    const text = outputs[output];
    expect(text, `${output} was not produced`).toBeDefined();
    for (const form of forms(canary)) expect(text).not.toContain(form);
  });

  it('the runs did what they say (a check of the check)', () => {
    expect(outputs['cli: flags explain (context, text)']).toContain(
      'reason:       TARGETING_MATCH (rule "eu")',
    );
    expect(outputs['cli: flags explain (context, text)']).toContain('features.mirrorUrl = [redacted]');
    expect(outputs['cli: flags explain (env rules, text)']).toContain('(rule "us")');
    expect(outputs['cli: validate (broken secret rules)']).toContain(
      'invalid rules for the secret flag mirrorUrl',
    );
    expect(outputs['OpenFeature ConfigurationChanged']).toContain('features.mirrorUrl');
  });
});

describe('leak matrix: what the fleet writes to Redis and what `strata fleet status` prints', () => {
  const CANARY = 'fleet-leak-canary-0d5e1f';
  let route: FleetRoute;
  beforeAll(async () => {
    assertBuilt();
    route = await startFleetRoute();
  });
  afterAll(async () => {
    await route?.close();
  });

  it('stream entries (notices, sealed layers, refresh), presence, status records and the lease hold no secret', async () => {
    const store = { greeting: 'hello', token: CANARY, version: 1 };
    const source = (): ConfigSource => ({
      name: 'store',
      load: async () =>
        layerFromTree({
          source: 'store',
          tree: { app: { greeting: store.greeting, token: store.token } },
          originOf: (path) => ({ source: 'store', locator: path.join('.'), version: store.version }),
        }),
    });
    for (const mode of ['notify', 'leader'] as const) {
      const a = await route.member(source(), { mode, fleet: `leak-${mode}` });
      const b = await route.member(source(), { mode, fleet: `leak-${mode}` });
      await waitFor('both present', () => a.fleet.members.length === 2 && b.fleet.members.length === 2);
      const first = mode === 'leader' ? (a.fleet.leader ? a : b) : a;
      store.token = `${CANARY}-rotated-${mode}`;
      store.version++;
      await first.config.reload({ sources: ['store'] });
      const other = first === a ? b : a;
      await waitFor('the rotation', () => other.config.get(FleetAppConfig).token === store.token);
      await first.fleet.refresh('store');
    }
    const dump = await route.dump();
    expect(dump).toContain(':stream');
    expect(dump).toMatch(/kind\W+layer/);
    expect(dump).toMatch(/kind\W+notice/);
    expect(dump).not.toContain(CANARY);

    const keys = generateKey('fleet-cli-read').line;
    // The CLI needs a key to connect; status reads presence records, which hold no value.
    for (const fleet of ['leak-notify', 'leak-leader']) {
      const result = await strata(
        ['fleet', 'status', '--redis', route.redis.url, '--fleet', fleet, '--json'],
        {
          env: runEnv({ STRATA_KEYS: keys }),
        },
      );
      expect(result.stdout).toContain('configHash');
      expect(`${result.stdout}${result.stderr}`).not.toContain(CANARY);
    }
  });
});
