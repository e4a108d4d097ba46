// The leak suite (issue 4, "No leaks — proven"): distinctive secret values go in through every source —
// plain and encrypted file values, the environment, a .env file, the command line, a secret's default — and
// every output a person or a log could see is checked for them: console and util.inspect views, JSON,
// explain, history and diffs, logger lines, changed/rejected events, validation, decryption, parse and
// unsafe-key errors (with their causes), and every command of the built CLI.
//
// It is data-driven: `outputs` lists every output once, and each one is checked against every secret. A new
// output is one more line in that list.
import { Console } from 'node:console';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import {
  type Config,
  type ConfigDefinition,
  type ConfigEvents,
  type Constructor,
  DecryptionError,
  loadConfig,
  type Logger,
  type ReloadResult,
  Secret,
  Section,
  StrataError,
} from '@strata/core';
import { decryptValue, encryptValue, generateKey, type Keyring, parseKeyring } from '@strata/core/secrets';
import { argvSource, dotenvSource, envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, IsUrl, MinLength, ValidateNested } from 'class-validator';
import { LineReader } from '@strata-internal/test-support/cli';
import { everyView } from '@strata-internal/test-support';
import {
  assertBuilt,
  copyFixture,
  type FixtureCopy,
  type RunResult,
  spawnStrata,
  strataWithInput,
  strata,
} from '@strata-internal/test-support/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// ── The secrets ───────────────────────────────────────────────────────────────────────────────────────────

const S = {
  filePlain: 'LEAK-file-plain-7f3a',
  fileNested: 'LEAK-file-nested-0b5e',
  fileEnc: 'LEAK-file-enc-91bd',
  /** Encrypted into a field without @Secret: secret by origin. */
  fileEncUnmarked: 'LEAK-file-enc-unmarked-2b6e',
  env: 'LEAK-env-c4e2',
  dotenv: 'LEAK-dotenv-5d18',
  argv: 'LEAK-argv-e07c',
  /** Misspelt secret keys (unknown keys, reported as warnings with a did-you-mean). */
  fileTypo: 'LEAK-file-typo-3a9d',
  envTypo: 'LEAK-env-typo-77f0',
  /** A secret's property initialiser. */
  default: 'LEAK-default-8c21',
  /** Values written by the reloads and by the CLI. */
  reloadedPlain: 'LEAK-reloaded-plain-44c1',
  reloadedEnc: 'LEAK-reloaded-enc-6d0f',
  /** Seven characters: breaks @MinLength(8) in a reload and in the CLI's production environment. */
  short: 'LEAK-7x',
  cliEncrypted: 'LEAK-cli-encrypt-3e77',
  cliStaging: 'LEAK-cli-staging-5a2c',
} as const;

const secrets: readonly (readonly [string, string])[] = Object.entries(S);

const KEY = generateKey('leak-k1').line;
const KEY2 = generateKey('leak-k2').line;
/** The same key id with other key material: everything fails to authenticate. */
const WRONG_KEY = generateKey('leak-k1').line;
const keyring: Keyring = parseKeyring(KEY);
const enc = (value: string, path: string): string => encryptValue({ value, path, keyring });

// ── The definition (in-process) ──────────────────────────────────────────────────────────────────────────

class ReplicaConfig {
  @IsString() host = 'replica.local';
  @Secret() @IsString() password!: string;
}

@Section('database')
class DatabaseConfig {
  @IsString() url = 'postgres://db.local/app';
  @Secret() @IsString() @MinLength(8) password!: string;
  @ValidateNested() @Type(() => ReplicaConfig) replica: ReplicaConfig = new ReplicaConfig();
}

@Section('payments')
class PaymentsConfig {
  @Secret() @IsString() apiKey!: string;
  @IsOptional() @IsString() callbackToken?: string;
}

@Section('auth')
class AuthConfig {
  @Secret() @IsString() token!: string;
}

@Section('mail')
class MailConfig {
  @IsString() host = 'smtp.local';
  @Secret() @IsString() password!: string;
}

@Section('webhook')
class WebhookConfig {
  @Secret() @IsString() secret!: string;
  @Secret() @IsString() signingKey = S.default;
}

const sections: readonly Constructor[] = [
  DatabaseConfig,
  PaymentsConfig,
  AuthConfig,
  MailConfig,
  WebhookConfig,
];

// The same settings, each secret breaking a rule (or the secret source policy).
class StrictReplica {
  @IsString() host = 'replica.local';
  @Secret() @IsEmail() password!: string;
}
@Section('database')
class StrictDatabase {
  @IsString() url = 'postgres://db.local/app';
  @Secret() @IsString() @MinLength(64) password!: string;
  @ValidateNested() @Type(() => StrictReplica) replica: StrictReplica = new StrictReplica();
}
@Section('payments')
class StrictPayments {
  @Secret() @MinLength(64) apiKey!: string;
  @IsOptional() @IsUrl() callbackToken?: string;
}
@Section('auth')
class StrictAuth {
  @Secret({ from: ['vault'] }) @IsString() token!: string;
}
@Section('mail')
class StrictMail {
  @IsString() host = 'smtp.local';
  @Secret() @IsEmail() password!: string;
}
@Section('webhook')
class StrictWebhook {
  @Secret() @IsInt() secret!: number;
  @Secret() @MinLength(64) signingKey = S.default;
}
const strictSections: readonly Constructor[] = [
  StrictDatabase,
  StrictPayments,
  StrictAuth,
  StrictMail,
  StrictWebhook,
];

// ── The files ────────────────────────────────────────────────────────────────────────────────────────────

function defaultYaml(values: { password: string; apiKeyEnvelope: string }): string {
  return [
    '# The leak suite: every secret source at once.',
    'database:',
    '  url: postgres://db.local/app',
    `  password: ${values.password}`,
    `  passwrod: ${S.fileTypo}`,
    '  replica:',
    `    password: ${S.fileNested}`,
    'payments:',
    `  apiKey: ${values.apiKeyEnvelope}`,
    `  callbackToken: ${enc(S.fileEncUnmarked, 'payments.callbackToken')}`,
    '',
  ].join('\n');
}

const argv = [`--webhook.secret=${S.argv}`];
const env = { APP_AUTH__TOKEN: S.env, APP_DATABASE__PASWORD: S.envTypo };

// ── What the setup collects ──────────────────────────────────────────────────────────────────────────────

interface Collected {
  config: Config;
  /** Every logger call of every load and reload. */
  logs: string[];
  changed: ConfigEvents['changed'][];
  rejected: { validation?: unknown; decryption?: unknown };
  reloads: ReloadResult[];
  /** A second configuration whose file gets a YAML syntax error on a secret's line. */
  parseReload: { logs: string[]; rejected?: unknown; result?: ReloadResult };
  /** Generation 1, kept for diffs against later ones. */
  first: Config['snapshot'];
  errors: {
    validation?: unknown;
    wrongKey?: unknown;
    decryptWrongKey?: unknown;
    decryptTampered?: unknown;
    unsafeKey?: unknown;
    parse?: unknown;
  };
  cli: Record<string, RunResult>;
}

const got = {
  logs: [],
  changed: [],
  rejected: {},
  reloads: [],
  parseReload: { logs: [] },
  errors: {},
  cli: {},
} as unknown as Collected;

/** Everything a value shows when printed, logged, serialised or inspected. */

/** What a `Console` writes when `use` calls it (console.log, console.dir, …), as text. */
function consoleOutput(use: (console: Console) => void): string {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  use(new Console({ stdout: sink, stderr: sink, colorMode: false }));
  return written;
}

/** `console.log`, `console.error` and the `%s`, `%o`, `%O`, `%j` formats: what application logs do. */
function logged(values: readonly unknown[]): string {
  return consoleOutput((console) => {
    for (const value of values) {
      console.log(value);
      console.log('%s | %o | %O | %j', value, value, value, value);
      console.error('loaded:', value);
    }
  });
}

const eachSection = (): object[] => sections.map((cls) => got.config.get(cls));
const secretPaths = [
  'database.password',
  'database.replica.password',
  'payments.apiKey',
  'payments.callbackToken',
  'auth.token',
  'mail.password',
  'webhook.secret',
  'webhook.signingKey',
];

// ── Every output ─────────────────────────────────────────────────────────────────────────────────────────

/** [name, what it shows]. A new output is one line here. */
const outputs: readonly (readonly [string, () => unknown])[] = [
  ['util.inspect of each section', () => eachSection().map((s) => inspect(s, { depth: null }))],
  ['util.inspect of a nested configuration instance', () => inspect(got.config.get(DatabaseConfig).replica)],
  ['console.log/error (and %s %o %O %j) of each section', () => logged(eachSection())],
  ['console.log/error of the whole config and snapshot', () => logged([got.config, got.config.snapshot])],
  [
    'util.inspect of the whole config (showHidden)',
    () => inspect(got.config, { showHidden: true, depth: null }),
  ],
  ['util.inspect of the snapshot', () => inspect(got.config.snapshot, { depth: null })],
  ['JSON.stringify of each section', () => eachSection().map((s) => JSON.stringify(s))],
  ['JSON.stringify of the whole config', () => JSON.stringify(got.config)],
  ['JSON.stringify of the snapshot', () => JSON.stringify(got.config.snapshot)],
  ['String() and template literals of each section', () => eachSection().map((s) => `${String(s)} ${s}`)],
  ['explain() of every secret path', () => secretPaths.map((p) => everyView(got.config.explain(p)))],
  [
    'explain() of every secret path in generation 1',
    () => secretPaths.map((p) => everyView(got.first.explain(p))),
  ],
  ['history()', () => everyView(got.config.history())],
  ['snapshot.diff() between generations', () => everyView(got.config.snapshot.diff(got.first))],
  ['logger output of every load and reload', () => got.logs],
  ['warnings of the snapshot', () => everyView(got.config.warnings)],
  ['changed event after editing plain and encrypted secrets', () => everyView(got.changed)],
  ['reload() results', () => everyView(got.reloads)],
  ['rejected event: a secret breaking @MinLength', () => everyView(got.rejected.validation)],
  ['rejected event: a tampered encrypted secret', () => everyView(got.rejected.decryption)],
  ['validation error: every secret breaks a rule', () => everyView(got.errors.validation)],
  ['load error: encrypted values under a wrong key', () => everyView(got.errors.wrongKey)],
  ['DecryptionError from decryptValue: wrong key', () => everyView(got.errors.decryptWrongKey)],
  ['DecryptionError from decryptValue: tampered value', () => everyView(got.errors.decryptTampered)],
  ['UnsafeKeyError: a __proto__ key next to a secret', () => everyView(got.errors.unsafeKey)],
  // ── Leaks found by this suite, not fixed yet (docs/secrets.md, "Not covered yet") ──
  // A parse error quotes the offending line, secret included (an unquoted password with ": " in it).
  ['ParseError: a syntax error on the line of a plain secret', () => everyView(got.errors.parse)],
  ['rejected event: a syntax error on the line of a plain secret', () => everyView(got.parseReload.rejected)],
  ['reload() result: a syntax error on the line of a plain secret', () => everyView(got.parseReload.result)],
  ['logger output: a syntax error on the line of a plain secret', () => got.parseReload.logs],
  // console.dir and console.table skip util.inspect.custom and read the properties themselves.
  ['console.dir of each section', () => consoleOutput((c) => c.dir(eachSection(), { depth: null }))],
  ['console.table of each section', () => consoleOutput((c) => c.table(eachSection()))],
  // The schema model holds each field's default, a secret's too, as a plain property.
  ['console.dir of the whole config', () => consoleOutput((c) => c.dir(got.config, { depth: null }))],
];

/** The CLI runs: [name, args]. */
const cliRuns: readonly (readonly [string, readonly string[]])[] = [
  ['validate', ['validate']],
  ['validate --format json', ['validate', '--format', 'json']],
  ['validate --all-envs --format json', ['validate', '--all-envs', '--format', 'json']],
  ['validate --env production (a secret breaks a rule)', ['validate', '--env', 'production']],
  ['validate --env production --format json', ['validate', '--env', 'production', '--format', 'json']],
  ['print', ['print']],
  ['print --format yaml --env staging', ['print', '--format', 'yaml', '--env', 'staging']],
  ['print --env production (invalid)', ['print', '--env', 'production']],
  ...secretPaths.flatMap((path): [string, string[]][] => [
    [`explain ${path}`, ['explain', path]],
    [`explain ${path} --format json`, ['explain', path, '--format', 'json']],
  ]),
  ['diff development staging', ['diff', '--env', 'development', '--env', 'staging']],
  ['diff --format json', ['diff', '--env', 'development', '--env', 'staging', '--format', 'json']],
  ['docs', ['docs']],
  ['schema', ['schema']],
  ['env-example', ['env-example']],
  ['migrate', ['migrate']],
  ['secrets check', ['secrets', 'check']],
];

/** The CLI runs that need more than arguments (a watch with edits, standard input, a broken file). */
const cliOtherRuns: readonly string[] = [
  'watch',
  'secrets rotate',
  'secrets encrypt',
  'secrets check: a syntax error on the line of a plain secret',
  'secrets decrypt: a syntax error on the line of a plain secret',
  'secrets rotate: a syntax error on the line of a plain secret',
  'secrets encrypt: into a file with a syntax error on the line of a plain secret',
  // Leaks today (the parse error's excerpt, see above).
  'validate: a syntax error on the line of a plain secret',
];

describe('no secret leaks', () => {
  let cliProject: FixtureCopy;
  let libProject: FixtureCopy;
  let brokenProject: FixtureCopy;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    assertBuilt();
    libProject = await project();
    cliProject = await project();
    brokenProject = await project();
    await Promise.all([
      setUpLibrary(libProject.dir),
      setUpCli(cliProject.dir),
      setUpBrokenCli(brokenProject.dir),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
    await Promise.all([libProject?.remove(), cliProject?.remove(), brokenProject?.remove()]);
  });

  it('the secrets are really in effect (the suite is not vacuous)', () => {
    const { config } = got;
    expect(got.first.get(DatabaseConfig).password).toBe(S.filePlain);
    expect(got.first.get(PaymentsConfig).apiKey).toBe(S.fileEnc);
    expect(config.get(DatabaseConfig).password).toBe(S.reloadedPlain);
    expect(config.get(DatabaseConfig).replica.password).toBe(S.fileNested);
    expect(config.get(PaymentsConfig)).toMatchObject({
      apiKey: S.reloadedEnc,
      callbackToken: S.fileEncUnmarked,
    });
    expect(config.get(AuthConfig).token).toBe(S.env);
    expect(config.get(MailConfig).password).toBe(S.dotenv);
    expect(config.get(WebhookConfig)).toMatchObject({ secret: S.argv, signingKey: S.default });
    expect(got.changed).toHaveLength(1);
    expect(config.warnings.map((w) => w.constraint)).toEqual(['unknownKey', 'unknownKey']);
    expect(Object.keys(got.rejected)).toEqual(['validation', 'decryption']);
    expect(got.parseReload.result?.status).toBe('rejected');
    for (const error of Object.values(got.errors)) expect(StrataError.is(error)).toBe(true);
    // The harness sees a secret when one is printed: decrypt prints the plaintext on purpose.
    expect(got.cli.decrypt?.stdout).toContain(S.fileEnc);
    expect(got.cli['secrets encrypt']?.code).toBe(0);
  });

  it.each(outputs)('%s shows no secret', (_name, produce) => {
    const text = [produce()].flat().join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const [label, secret] of secrets) expect(text, `${label} (${secret})`).not.toContain(secret);
  });

  it.each([...cliRuns.map(([name]) => name), ...cliOtherRuns])('CLI: strata %s shows no secret', (name) => {
    const run = got.cli[name];
    expect(run, name).toBeDefined();
    const text = `${run!.stdout}\n${run!.stderr}`;
    expect(text.trim().length).toBeGreaterThan(0);
    for (const [label, secret] of secrets) expect(text, `${label} (${secret})`).not.toContain(secret);
  });

  it('a DecryptionError carries the path and key id, never the plaintext', () => {
    for (const error of [got.errors.decryptWrongKey, got.errors.decryptTampered]) {
      expect(error).toBeInstanceOf(DecryptionError);
      const { path, keyId } = error as DecryptionError;
      expect({ path, keyId }).toEqual({ path: 'payments.apiKey', keyId: 'leak-k1' });
      const own = Object.getOwnPropertyNames(error).map((name) =>
        everyView((error as Record<string, unknown>)[name]),
      );
      for (const [, secret] of secrets) expect(own.join('\n')).not.toContain(secret);
    }
  });

  // ── Setup ──────────────────────────────────────────────────────────────────────────────────────────────

  async function project(): Promise<FixtureCopy> {
    // A temporary directory with the CLI package's node_modules linked in, so definitions resolve @strata/*.
    const copy = await copyFixture(undefined);
    await mkdir(join(copy.dir, 'config'), { recursive: true });
    await writeFile(join(copy.dir, '.env'), `APP_MAIL__PASSWORD=${S.dotenv}\n`);
    return copy;
  }

  async function setUpLibrary(dir: string): Promise<void> {
    const file = join(dir, 'config/default.yaml');
    const write = (text: string): Promise<void> => writeFile(file, text);
    await write(defaultYaml({ password: S.filePlain, apiKeyEnvelope: enc(S.fileEnc, 'payments.apiKey') }));
    const logger = recordingLogger(got.logs);
    const definition = (list: readonly Constructor[], dirName = 'config'): ConfigDefinition => ({
      sections: list,
      sources: [
        fileSource({ dir: dirName }),
        dotenvSource({ prefix: 'APP_' }),
        envSource({ prefix: 'APP_' }),
        argvSource(),
      ],
    });
    const options = { cwd: dir, env, argv, keyring, logger };
    const config = await loadConfig(definition(sections), options);
    closers.push(() => config.close());
    got.config = config;
    got.first = config.snapshot;
    config.on('changed', (event) => got.changed.push(event));
    const rejectedAs = (name: keyof Collected['rejected']) =>
      config.once('rejected', (event) => {
        got.rejected[name] = event;
      });

    // A change to a plain and an encrypted secret.
    await write(
      defaultYaml({ password: S.reloadedPlain, apiKeyEnvelope: enc(S.reloadedEnc, 'payments.apiKey') }),
    );
    got.reloads.push(await config.reload());
    const good = await readFile(file, 'utf8');
    // A secret that breaks a rule.
    rejectedAs('validation');
    await write(good.replace(S.reloadedPlain, S.short));
    got.reloads.push(await config.reload());
    // A tampered encrypted secret.
    rejectedAs('decryption');
    const envelope = /apiKey: (enc:v1:\S+)/.exec(good)![1]!;
    await write(good.replace(envelope, tamper(envelope)));
    got.reloads.push(await config.reload());
    await write(good);
    got.reloads.push(await config.reload());

    // A YAML syntax error on a secret's line (a password with ": " in it, unquoted), in a configuration of
    // its own so that the outputs above do not depend on how that is fixed.
    await mkdir(join(dir, 'parse'));
    const parseFile = join(dir, 'parse/default.yaml');
    const parseGood = await readFile(file, 'utf8');
    await writeFile(parseFile, parseGood);
    const parseLogger = recordingLogger(got.parseReload.logs);
    const parsing = await loadConfig(definition(sections, 'parse'), { ...options, logger: parseLogger });
    closers.push(() => parsing.close());
    parsing.once('rejected', (event) => {
      got.parseReload.rejected = event;
    });
    await writeFile(parseFile, parseGood.replace(S.reloadedPlain, `${S.reloadedPlain}: with a colon`));
    got.parseReload.result = await parsing.reload();

    const failing = async (load: () => Promise<Config>): Promise<unknown> => {
      try {
        const loaded = await load();
        await loaded.close();
        return new Error('expected the load to fail');
      } catch (error) {
        return error;
      }
    };
    got.errors.validation = await failing(() => loadConfig(definition(strictSections), options));
    got.errors.wrongKey = await failing(() =>
      loadConfig(definition(sections), { ...options, keyring: parseKeyring(WRONG_KEY) }),
    );
    const apiKey = /apiKey: (enc:v1:\S+)/.exec(good)![1]!;
    got.errors.decryptWrongKey = capture(() =>
      decryptValue({ envelope: apiKey, path: 'payments.apiKey', keyring: parseKeyring(WRONG_KEY) }),
    );
    got.errors.decryptTampered = capture(() =>
      decryptValue({ envelope: tamper(apiKey), path: 'payments.apiKey', keyring }),
    );
    await mkdir(join(dir, 'unsafe'));
    await writeFile(
      join(dir, 'unsafe/default.yaml'),
      `database:\n  password: ${S.filePlain}\n  __proto__:\n    polluted: ${S.fileNested}\n`,
    );
    got.errors.unsafeKey = await failing(() => loadConfig(definition(sections, 'unsafe'), options));
    await mkdir(join(dir, 'broken'));
    await writeFile(
      join(dir, 'broken/default.yaml'),
      `database:\n  password: ${S.filePlain}: with a colon\n`,
    );
    got.errors.parse = await failing(() => loadConfig(definition(sections, 'broken'), options));
  }

  async function setUpCli(dir: string): Promise<void> {
    await writeFile(join(dir, 'strata.config.mjs'), cliDefinition);
    await writeFile(
      join(dir, 'config/default.yaml'),
      defaultYaml({ password: S.filePlain, apiKeyEnvelope: enc(S.fileEnc, 'payments.apiKey') }),
    );
    await writeFile(join(dir, 'config/staging.yaml'), `database:\n  password: ${S.cliStaging}\n`);
    await writeFile(join(dir, 'config/production.yaml'), `database:\n  password: ${S.short}\n`);
    const cliEnv = { ...env, APP_WEBHOOK__SECRET: S.argv, STRATA_KEYS: KEY };
    const runs = await Promise.all(cliRuns.map(([, args]) => strata(args, { cwd: dir, env: cliEnv })));
    cliRuns.forEach(([name], i) => {
      got.cli[name] = runs[i]!;
    });
    got.cli.decrypt = await strata(['secrets', 'decrypt', 'config/default.yaml'], { cwd: dir, env: cliEnv });
    got.cli.watch = await watchRun(dir, cliEnv);
    got.cli['secrets rotate'] = await strata(
      ['secrets', 'rotate', 'config/default.yaml', '--to', 'leak-k2'],
      {
        cwd: dir,
        env: { ...cliEnv, STRATA_KEYS: `${KEY},${KEY2}` },
      },
    );
    got.cli['secrets encrypt'] = await strataWithInput(
      ['secrets', 'encrypt', 'config/staging.yaml', 'payments.apiKey'],
      `${S.cliEncrypted}\n`,
      { cwd: dir, env: cliEnv },
    );
  }

  async function setUpBrokenCli(dir: string): Promise<void> {
    const suffix = ': a syntax error on the line of a plain secret';
    await writeFile(join(dir, 'strata.config.mjs'), cliDefinition);
    const text = defaultYaml({ password: S.filePlain, apiKeyEnvelope: enc(S.fileEnc, 'payments.apiKey') });
    await writeFile(
      join(dir, 'config/default.yaml'),
      text.replace(S.filePlain, `${S.filePlain}: with a colon`),
    );
    const cliEnv = { ...env, APP_WEBHOOK__SECRET: S.argv, STRATA_KEYS: `${KEY},${KEY2}` };
    const options = { cwd: dir, env: cliEnv };
    const [validate, check, decrypt, rotate] = await Promise.all([
      strata(['validate'], options),
      strata(['secrets', 'check'], options),
      strata(['secrets', 'decrypt', 'config/default.yaml'], options),
      strata(['secrets', 'rotate', 'config/default.yaml', '--to', 'leak-k2'], options),
    ]);
    got.cli[`validate${suffix}`] = validate!;
    got.cli[`secrets check${suffix}`] = check!;
    got.cli[`secrets decrypt${suffix}`] = decrypt!;
    got.cli[`secrets rotate${suffix}`] = rotate!;
    got.cli['secrets encrypt: into a file with a syntax error on the line of a plain secret'] =
      await strataWithInput(
        ['secrets', 'encrypt', 'config/default.yaml', 'mail.password'],
        `${S.cliEncrypted}\n`,
        { cwd: dir, env: cliEnv },
      );
  }
});

/** `strata watch` while the secrets file is edited: a change, then a secret breaking a rule. */
async function watchRun(dir: string, env: Record<string, string>): Promise<RunResult> {
  const child = spawnStrata(['watch'], { cwd: dir, env });
  const out = new LineReader(child.stdout);
  const err = new LineReader(child.stderr);
  const file = join(dir, 'config/default.yaml');
  const text = await readFile(file, 'utf8');
  try {
    await out.waitFor((line) => line.includes('"ready"'));
    await writeFile(file, text.replace(S.filePlain, S.reloadedPlain));
    await out.waitFor((line) => line.includes('"changed"'));
    await writeFile(file, text.replace(S.filePlain, S.short));
    await out.waitFor((line) => line.includes('"rejected"'));
  } finally {
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    child.kill('SIGINT');
    await exited;
    await writeFile(file, text);
  }
  return { code: child.exitCode ?? -1, stdout: out.lines.join('\n'), stderr: err.lines.join('\n') };
}

/** A logger that keeps every line. */
function recordingLogger(lines: string[]): Logger {
  const record = (...args: unknown[]): void => {
    lines.push(format(...args));
  };
  return { debug: record, info: record, warn: record, error: record };
}

/** The envelope with one character of its data changed. */
function tamper(envelope: string): string {
  const at = envelope.length - 5;
  return envelope.slice(0, at) + (envelope[at] === 'A' ? 'B' : 'A') + envelope.slice(at + 1);
}

function capture(work: () => unknown): unknown {
  try {
    work();
    return new Error('expected an error');
  } catch (error) {
    return error;
  }
}

/** The CLI's definition: the same settings in plain JavaScript (Reflect.decorate, as tsc compiles them). */
const cliDefinition = `import { Secret, Section } from '@strata/core';
import { dotenvSource, envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';
import { decorateClass, field, type } from '../shared/decorate.mjs';

export class ReplicaConfig {
  host = 'replica.local';
  password;
}
field(ReplicaConfig, 'host', type(String), IsString());
field(ReplicaConfig, 'password', type(String), IsString(), Secret());

export class DatabaseConfig {
  url = 'postgres://db.local/app';
  password;
  replica = new ReplicaConfig();
}
decorateClass(DatabaseConfig, Section('database'));
field(DatabaseConfig, 'url', type(String), IsString());
field(DatabaseConfig, 'password', type(String), IsString(), MinLength(8), Secret());
field(DatabaseConfig, 'replica', type(ReplicaConfig), ValidateNested(), Type(() => ReplicaConfig));

export class PaymentsConfig {
  apiKey;
  callbackToken;
}
decorateClass(PaymentsConfig, Section('payments'));
field(PaymentsConfig, 'apiKey', type(String), IsString(), Secret());
field(PaymentsConfig, 'callbackToken', type(String), IsOptional(), IsString());

export class AuthConfig {
  token;
}
decorateClass(AuthConfig, Section('auth'));
field(AuthConfig, 'token', type(String), IsString(), Secret());

export class MailConfig {
  host = 'smtp.local';
  password;
}
decorateClass(MailConfig, Section('mail'));
field(MailConfig, 'host', type(String), IsString());
field(MailConfig, 'password', type(String), IsString(), Secret());

export class WebhookConfig {
  secret;
  signingKey = '${S.default}';
}
decorateClass(WebhookConfig, Section('webhook'));
field(WebhookConfig, 'secret', type(String), IsString(), Secret());
field(WebhookConfig, 'signingKey', type(String), IsString(), Secret());

export default {
  sections: [DatabaseConfig, PaymentsConfig, AuthConfig, MailConfig, WebhookConfig],
  sources: [fileSource({ dir: 'config' }), dotenvSource({ prefix: 'APP_' }), envSource({ prefix: 'APP_' })],
};
`;
