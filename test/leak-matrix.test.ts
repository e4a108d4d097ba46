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
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
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
  Section,
  type Snapshot,
} from '@strata/core';
import { layerFromTree } from '@strata/core/source';
import { encryptValue, generateKey, parseKeyring } from '@strata/core/secrets';
import { argvSource, dotenvSource, envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { vaultSource } from '@strata/vault';
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

// ── The world the source rows write into ─────────────────────────────────────────────────────────────────

/** What a source row may touch: the project directory, the protocol servers, the engine's inputs. */
interface World {
  readonly dir: string;
  readonly vault: VaultTestServer;
  readonly ssm: SsmTestServer;
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
    key: 'ssm',
    label: 'SSM SecureString',
    canary: 'LEAK-ssm-9d35',
    cli: true,
    set: (w, v) => {
      w.ssm.put('/app/development/ssm/secret', v, 'SecureString');
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
  Reflect.decorate([Section(row.key)], cls);
  return cls;
}

// ── What the scenario collects ───────────────────────────────────────────────────────────────────────────

interface Collected {
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
  parseErrors: Record<string, unknown>;
  cli: Record<string, RunResult>;
}

const got = { logs: [], events: [], failingEvents: [], parseErrors: {}, cli: {} } as unknown as Collected;

/** Everything an error or value shows: message, stack, util.inspect (showHidden), JSON, String(). */

const secretPaths = sources.map((row) => `${row.key}.secret`);

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
  cliOutput('validate --all-envs (a .env note per environment)', 'validate --all-envs'),
  cliOutput(
    'validate --all-envs --dotenv-all --format json',
    'validate --all-envs --dotenv-all --format json',
  ),
  cliOutput('diff --env development --env production', 'diff'),
  cliOutput('diff --format json', 'diff --format json'),
  cliOutput('watch (a change, then a rejected change)', 'watch'),
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
  let cliProject: FixtureCopy;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    assertBuilt();
    vault = await startVaultTestServer({ tokens: [VAULT_TOKEN] });
    ssm = await startSsmTestServer();
    project = await tempDir('strata-leak-matrix-');
    await runLibrary();
    cliProject = await copyFixture(undefined);
    await runCli();
    // ~50 runs of the built CLI: about 40 s on an idle machine, several minutes on a loaded one.
  }, 600_000);

  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await Promise.all([vault?.stop(), ssm?.stop(), project?.cleanup(), cliProject?.remove()]);
  });

  it('every source is in effect (the matrix is not vacuous)', () => {
    for (const row of sources) {
      const cls = got.config.schema.sections.find((s) => s.path === row.key)!.cls;
      const value = (row.key === 'overlay' ? got.derived.get(cls) : got.config.get(cls)) as {
        secret: string;
      };
      expect(value.secret, row.label).toContain(row.canary);
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
    expect(invalid).toEqual(expect.arrayContaining(secretPaths.filter((p) => p !== 'overlay.secret')));
    expect(got.deriveError).toBeInstanceOf(ConfigValidationError);
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
    const world: World = { dir: project.dir, vault, ssm, env: {}, argv: [], pluginTree: {} };
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
      ssmSource({ path: '/app/{env}/', clientOptions: { ...ssm.clientOptions, maxAttempts: 1 } }),
      plugin,
    ];
    const sections = sources.map((row) => sectionOf(row, false));
    const options = { cwd: project.dir, env: world.env, argv: world.argv, keyring, logger };
    const config = await loadConfig({ sections, sources: definitionSources('.') }, options);
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

    // A change of every mutable input, then a change every secret rule refuses, then back.
    await setAll('-v2', (row) => row.key !== 'env' && row.key !== 'argv');
    await config.reload();
    await setAll(REJECT, (row) => row.key !== 'env' && row.key !== 'argv');
    await config.reload();
    await setAll('-v2', (row) => row.key !== 'env' && row.key !== 'argv');

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
      const world: World = { dir: copy.dir, vault, ssm, env, argv: [], pluginTree: {} };
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
    const cliPaths = cliRows.map((row) => `${row.key}.secret`);
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
      ].join('\n');
    })
    .join('\n\n');
  return `import { Secret, Section } from '@strata/core';
import { ssmSource } from '@strata/aws-ssm';
import { dotenvSource, envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { vaultSource } from '@strata/vault';
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
