import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encryptValue, generateKey, parseKeyring } from '@strata/core/secrets';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  binPath,
  copyFixture,
  type FixtureCopy,
  type RunOptions,
  type RunResult,
  runEnv,
  strataWithInput,
  strata,
} from '@strata-internal/test-support/cli';

beforeAll(assertBuilt);

// Distinctive plaintexts: none may appear in any output but `secrets decrypt`'s.
const PASSWORD = 'Pl41n-db-Password-c0ffee';
const API_KEY = 'sk_live_Pl41n-api-key-beef';
const PIN = '4041789';
const K1 = generateKey('k1').line;
const K2 = generateKey('k2').line;
const K0 = generateKey('k0').line; // a key the checks below do not have
const K1_OTHER = generateKey('k1').line; // same id as K1, other material

/** Everything printed by the runs of this file, except by `secrets decrypt`. */
const printed: string[] = [];

/** A run whose output is collected for the "never printed" check (every command but decrypt). */
async function run(args: readonly string[], options: RunOptions, input?: string): Promise<RunResult> {
  const result =
    input === undefined ? await strata(args, options) : await strataWithInput(args, input, options);
  if (!(args[0] === 'secrets' && args[1] === 'decrypt')) printed.push(result.stdout, result.stderr);
  return result;
}

describe('strata secrets', () => {
  let copy: FixtureCopy;
  beforeEach(async () => {
    copy = await copyFixture('secrets');
  });
  afterEach(() => copy.remove());

  const read = (file: string): Promise<string> => readFile(join(copy.dir, file), 'utf8');
  const write = (file: string, text: string): Promise<void> => writeFile(join(copy.dir, file), text);
  const inCopy = (keys: string): RunOptions => ({ cwd: copy.dir, env: { STRATA_KEYS: keys } });
  const encrypt = (file: string, path: string, value: string, keys = K1, extra: string[] = []) =>
    run(['secrets', 'encrypt', file, path, ...extra], inCopy(keys), value);
  /**
   * Write encrypted values into production.yaml the way `secrets encrypt` places them (password on line 7,
   * apiKey on line 10, merchantPin on line 11), in-process, for tests about the other commands.
   */
  const seal = async (values: {
    password?: readonly [string, string];
    apiKey?: readonly [string, string];
    pin?: readonly [number, string];
  }): Promise<void> => {
    const envelope = (value: string | number, path: string, keys: string) =>
      encryptValue({ value, path, keyring: parseKeyring(keys) });
    let text = await read('config/production.yaml');
    const { password, apiKey, pin } = values;
    if (password) {
      text = text.replace(
        '  poolSize: 40\n',
        `  poolSize: 40\n  password: ${envelope(password[0], 'database.password', password[1])}\n`,
      );
    }
    const payments = [
      apiKey ? `  apiKey: ${envelope(apiKey[0], 'payments.apiKey', apiKey[1])}\n` : '',
      pin ? `  merchantPin: ${envelope(pin[0], 'payments.merchantPin', pin[1])}\n` : '',
    ].join('');
    await write(
      'config/production.yaml',
      text.replace('  sandbox: false\n', `  sandbox: false\n${payments}`),
    );
  };
  /** Production needs both secrets. */
  const sealProduction = (keys = K1): Promise<void> =>
    seal({ password: [PASSWORD, keys], apiKey: [API_KEY, keys] });

  describe('keygen', () => {
    it('prints one STRATA_KEYS line and nothing else on standard output', async () => {
      const result = await run(['secrets', 'keygen'], {});
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^k\d{8}-[0-9a-f]{6}:[A-Za-z0-9+/]{43}=\n$/);
      const keyring = parseKeyring(result.stdout.trim());
      expect(keyring.size).toBe(1);
      const [id, material] = result.stdout.trim().split(':');
      expect(keyring.ids).toEqual([id]);
      expect(result.stderr).toContain(`Key "${id}": add the line above to STRATA_KEYS`);
      expect(result.stderr).not.toContain(material);
    });

    it('takes --id and refuses an invalid one', async () => {
      const [named, invalid] = await Promise.all([
        run(['secrets', 'keygen', '--id', 'prod-2026.1'], {}),
        run(['secrets', 'keygen', '--id', 'no spaces'], {}),
      ]);
      expect(named.stdout).toMatch(/^prod-2026\.1:[A-Za-z0-9+/]{43}=\n$/);
      expect(invalid.code).toBe(2);
      expect(invalid.stdout).toBe('');
      expect(invalid.stderr).toContain('Invalid key id "no spaces"');
    });
  });

  describe('encrypt', () => {
    it('writes the envelope into a YAML file keeping comments and every other line; the engine loads it', async () => {
      const before = await read('config/production.yaml');
      const result = await encrypt('config/production.yaml', 'database.password', `${PASSWORD}\n`);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(
        'updated config/production.yaml: database.password encrypted as a string with key "k1"\n',
      );
      const after = await read('config/production.yaml');
      const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/^ {2}password: enc:v1:k1:[A-Za-z0-9_-]+$/);
      // The new key goes at the end of its mapping; everything else is unchanged, comments included.
      expect(after.replace(`${added[0]}\n`, '')).toBe(before);
      expect(after.indexOf(added[0]!)).toBeGreaterThan(after.indexOf('  poolSize: 40'));
      expect(after.indexOf(added[0]!)).toBeLessThan(after.indexOf('payments:'));

      expect((await encrypt('config/production.yaml', 'payments.apiKey', API_KEY)).code).toBe(0);
      const [validate, print, explain] = await Promise.all([
        run(['validate', '--env', 'production'], inCopy(K1)),
        run(['print', '--env', 'production'], inCopy(K1)),
        run(['explain', 'database.password', '--env', 'production', '--format', 'json'], inCopy(K1)),
      ]);
      expect(validate.stdout).toMatch(/^✓ configuration for "production" is valid/);
      expect(JSON.parse(print.stdout)).toMatchObject({
        database: { password: '[redacted]', url: 'postgres://db.internal:5432/app' },
        payments: { apiKey: '[redacted]', sandbox: false },
      });
      expect(JSON.parse(explain.stdout)).toMatchObject({
        value: '[redacted]',
        secret: true,
        source: { source: 'file', locator: 'config/production.yaml:7:13', encrypted: true },
      });
      // Without the key the engine cannot read it, and says so without printing anything of it.
      const withoutKey = await run(['validate', '--env', 'production'], { cwd: copy.dir });
      expect(withoutKey.code).toBe(1);
      expect(withoutKey.stdout).toContain(
        'is encrypted but no keyring is configured (set STRATA_KEYS or STRATA_KEY_FILE)',
      );
    });

    it('the value reaches validation: a short password breaks @MinLength(8) and is reported redacted', async () => {
      await encrypt('config/production.yaml', 'database.password', 'Xq7#z');
      await seal({ apiKey: [API_KEY, K1] });
      const result = await run(['validate', '--env', 'production'], inCopy(K1));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'database.password: must be longer than or equal to 8 characters — got [redacted] from file config/production.yaml:7:13',
      );
      expect(result.stdout + result.stderr).not.toContain('Xq7#z');
    });

    it('encrypts a number setting as a number (from the schema, with its spelling folded) and it round-trips', async () => {
      await sealProduction();
      const pin = await encrypt('config/production.yaml', 'payments.merchant_pin', `${PIN}\n`);
      expect(pin.stdout).toContain('payments.merchant_pin encrypted as a number with key "k1"');
      const [validate, decrypted] = await Promise.all([
        run(['validate', '--env', 'production'], inCopy(K1)),
        strata(
          ['secrets', 'decrypt', 'config/production.yaml', '--path', 'payments.merchantPin'],
          inCopy(K1),
        ),
      ]);
      expect(validate.code).toBe(0);
      expect(decrypted).toEqual({ code: 0, stdout: `${PIN}\n`, stderr: '' });

      // Forced to a string, the same digits are not an integer for the engine: the type matters.
      await encrypt('config/production.yaml', 'payments.merchantPin', PIN, K1, ['--type', 'string']);
      const wrong = await run(['validate', '--env', 'production'], inCopy(K1));
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toContain('payments.merchantPin:');
      // The existing key (merchant_pin) was replaced in place, not duplicated.
      expect((await read('config/production.yaml')).match(/merchant/gi)).toHaveLength(1);
    });

    it('checks numbers and booleans without echoing the value, and warns about a path the schema lacks', async () => {
      const [notNumber, boolean, unknown] = await Promise.all([
        encrypt('config/production.yaml', 'payments.merchantPin', 'pin-is-not-a-number'),
        encrypt('config/production.yaml', 'payments.sandbox', 'yes-please', K1, []),
        encrypt('config/production.yaml', 'payments.apiKye', API_KEY),
      ]);
      expect(notNumber.code).toBe(2);
      expect(notNumber.stderr).toContain('the value for payments.merchantPin is not a number');
      expect(notNumber.stderr).not.toContain('pin-is-not-a-number');
      expect(boolean.code).toBe(2);
      expect(boolean.stderr).toContain('the value for payments.sandbox must be true or false');
      expect(unknown.code).toBe(0);
      expect(unknown.stderr).toContain(
        'warning: payments.apiKye is not a setting of strata.config.mjs (did you mean payments.apiKey?)',
      );
    });

    it('creates a missing file and intermediate mappings; --key-id picks the key', async () => {
      const result = await encrypt('config/staging.yaml', 'payments.apiKey', API_KEY, `${K1},${K2}`, [
        '--key-id',
        'k1',
      ]);
      expect(result.stdout).toBe(
        'created config/staging.yaml: payments.apiKey encrypted as a string with key "k1"\n',
      );
      expect(await read('config/staging.yaml')).toMatch(
        /^payments:\n {2}apiKey: enc:v1:k1:[A-Za-z0-9_-]+\n$/,
      );
      const primary = await encrypt('config/staging.yaml', 'database.password', PASSWORD, `${K1},${K2}`);
      expect(primary.stdout).toContain('with key "k2"');
      const unknownKey = await encrypt('config/staging.yaml', 'database.password', PASSWORD, K1, [
        '--key-id',
        'k9',
      ]);
      expect(unknownKey.code).toBe(2);
      expect(unknownKey.stderr).toContain('--key-id k9: no such key; the keyring has k1');
    });

    it('replaces one value of a JSON file byte for byte, and adds a key keeping order and indentation', async () => {
      const original =
        '{\n    "database": { "password": "plain-old", "poolSize": 5 },\n    "log": {"level": "warn"}\n}\n';
      await write('config/staging.json', original);
      expect((await encrypt('config/staging.json', 'database.password', PASSWORD)).stdout).toContain(
        'database.password encrypted as a string with key "k1" (it replaced a plain-text value',
      );
      const replaced = await read('config/staging.json');
      expect(replaced).toMatch(
        /^\{\n {4}"database": \{ "password": "enc:v1:k1:[A-Za-z0-9_-]+", "poolSize": 5 \},\n {4}"log": \{"level": "warn"\}\n\}\n$/,
      );
      await encrypt('config/staging.json', 'payments.apiKey', API_KEY);
      const added = JSON.parse(await read('config/staging.json'));
      expect(Object.keys(added)).toEqual(['database', 'log', 'payments']);
      expect(added.payments.apiKey).toMatch(/^enc:v1:k1:/);
      expect(await read('config/staging.json')).toMatch(/^\{\n {4}"database": \{\n {8}"password"/);
      const decrypted = await strata(['secrets', 'decrypt', 'config/staging.json'], inCopy(K1));
      expect(decrypted.stdout).toBe(`database.password: ${PASSWORD}\npayments.apiKey: ${API_KEY}\n`);
    });

    it('never takes the value from the command line, and refuses what it cannot do', async () => {
      await write('config/staging.toml', '[database]\nurl = "x"\n');
      // A plain-text password with ": " in it breaks YAML: the error must not quote that line.
      await write('config/broken.yaml', `database:\n  password: ${PASSWORD}: x\n`);
      const [argv, empty, noKeys, toml, broken] = await Promise.all([
        run(['secrets', 'encrypt', 'config/production.yaml', 'database.password', PASSWORD], inCopy(K1), ''),
        encrypt('config/production.yaml', 'database.password', ''),
        run(
          ['secrets', 'encrypt', 'config/production.yaml', 'database.password'],
          { cwd: copy.dir },
          PASSWORD,
        ),
        encrypt('config/staging.toml', 'database.password', PASSWORD),
        encrypt('config/broken.yaml', 'database.password', PASSWORD),
      ]);
      expect(argv.code).toBe(2);
      expect(argv.stderr).toBe(
        'strata: too many arguments: the value is read from standard input or a prompt, never from the command line\n',
      );
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('no value on standard input');
      expect(noKeys.code).toBe(2);
      expect(noKeys.stderr).toContain('no keys: set STRATA_KEYS');
      expect(toml.code).toBe(2);
      expect(toml.stderr).toContain('config/staging.toml: TOML files are not rewritten');
      expect(broken.code).toBe(1);
      expect(broken.stderr).toBe(
        'strata: config/broken.yaml:2:13: nested mappings are not allowed in compact mappings\n',
      );
      expect(await read('config/production.yaml')).not.toContain('enc:');
    });
  });

  describe('decrypt', () => {
    it('prints "path: value" lines, or one bare value with --path', async () => {
      await sealProduction();
      const [all, one, plain, missing] = await Promise.all([
        strata(['secrets', 'decrypt', 'config/production.yaml'], inCopy(K1)),
        strata(['secrets', 'decrypt', 'config/production.yaml', '--path', 'database.password'], inCopy(K1)),
        strata(['secrets', 'decrypt', 'config/production.yaml', '--path', 'database.url'], inCopy(K1)),
        strata(['secrets', 'decrypt', 'config/production.yaml', '--path', 'database.nothing'], inCopy(K1)),
      ]);
      expect(all).toEqual({
        code: 0,
        stdout: `database.password: ${PASSWORD}\npayments.apiKey: ${API_KEY}\n`,
        stderr: '',
      });
      expect(one).toEqual({ code: 0, stdout: `${PASSWORD}\n`, stderr: '' });
      expect(plain.code).toBe(1);
      expect(plain.stderr).toBe('strata: database.url is not encrypted in config/production.yaml\n');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('strata: config/production.yaml has no value at database.nothing\n');
    });

    it('reports a value it cannot decrypt by path and key id, never by value', async () => {
      await sealProduction();
      const result = await run(['secrets', 'decrypt', 'config/production.yaml'], inCopy(K1_OTHER));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        'strata: Cannot decrypt database.password with key "k1" (config/production.yaml:7:13): authentication failed',
      );
      printed.push(result.stdout, result.stderr);
    });
  });

  describe('rotate and check', () => {
    it('rotate re-encrypts every value with the new key; check then passes with only the new key', async () => {
      await seal({ password: [PASSWORD, K1], apiKey: [API_KEY, K1], pin: [Number(PIN), K1] });
      const before = await read('config/production.yaml');
      const rotated = await run(
        ['secrets', 'rotate', 'config/production.yaml', 'config/default.yaml', '--to', 'k2'],
        inCopy(`${K1},${K2}`),
      );
      expect(rotated).toEqual({
        code: 0,
        stdout: [
          'config/production.yaml: 3 values re-encrypted with key "k2"',
          'config/default.yaml: no encrypted values',
          '3 values re-encrypted in 2 files',
          '',
        ].join('\n'),
        stderr: '',
      });
      const after = await read('config/production.yaml');
      expect(after).not.toContain('enc:v1:k1:');
      expect(after.match(/enc:v1:k2:/g)).toHaveLength(3);
      // Only the envelopes changed.
      const unchanged = (text: string) => text.replace(/enc:v1:[^\s]+/g, 'ENVELOPE');
      expect(unchanged(after)).toBe(unchanged(before));

      const [check, checkOld, again] = await Promise.all([
        run(['secrets', 'check'], inCopy(K2)),
        run(['secrets', 'check'], inCopy(K1)),
        run(['secrets', 'rotate', 'config/production.yaml', '--to', 'k2'], inCopy(`${K1},${K2}`)),
      ]);
      expect(check).toEqual({
        code: 0,
        stdout:
          '✓ 3 encrypted values decrypt with the keyring (2 files read in 2 environments: development, production; keys in use: k2)\n',
        stderr: '',
      });
      expect(checkOld.code).toBe(1);
      expect(again.stdout).toBe(
        'config/production.yaml: 0 values re-encrypted with key "k2", 3 already under it\n',
      );
      expect(await read('config/production.yaml')).toBe(after);
      expect((await run(['validate', '--env', 'production'], inCopy(K2))).code).toBe(0);
    });

    it('mac writes a strata-mac the engine checks; encrypt and rotate refresh it; tampering fails load and check', async () => {
      await sealProduction();
      const mac = await run(['secrets', 'mac', 'config/production.yaml'], inCopy(K1));
      expect(mac.stdout).toContain('config/production.yaml: strata-mac written over 2 encrypted values');
      expect(await read('config/production.yaml')).toMatch(/^strata-mac: mac:v1:k1:/m);
      const validate = ['validate', '--env', 'production'];
      expect((await run(validate, inCopy(K1))).code).toBe(0);
      // encrypt and rotate keep the MAC in step with the values.
      expect((await encrypt('config/production.yaml', 'payments.merchantPin', PIN)).code).toBe(0);
      expect((await run(validate, inCopy(K1))).code).toBe(0);
      expect(
        (await run(['secrets', 'rotate', 'config/production.yaml', '--to', 'k2'], inCopy(`${K1},${K2}`)))
          .code,
      ).toBe(0);
      expect(await read('config/production.yaml')).toMatch(/^strata-mac: mac:v1:k2:/m);
      expect((await run(validate, inCopy(K2))).code).toBe(0);
      // Removing an encrypted value (so a default or another source takes over) is caught.
      const text = await read('config/production.yaml');
      await write('config/production.yaml', text.replace(/^ {2}merchantPin: .*\n/m, ''));
      const tampered = await run(validate, inCopy(K2));
      expect(tampered.code).toBe(1);
      expect(tampered.stdout + tampered.stderr).toContain('File MAC check failed for config/production.yaml');
      const check = await run(['secrets', 'check', '--env', 'production'], inCopy(K2));
      expect(check.code).toBe(1);
      expect(check.stdout + check.stderr).toContain('File MAC check failed for config/production.yaml');
    });

    it('rotate leaves a file untouched when one of its values does not decrypt', async () => {
      await seal({ password: [PASSWORD, K0], apiKey: [API_KEY, K0], pin: [Number(PIN), K1] });
      const before = await read('config/production.yaml');
      const [noTarget, partial] = await Promise.all([
        run(['secrets', 'rotate', 'config/production.yaml', '--to', 'k3'], inCopy(`${K1},${K2}`)),
        run(['secrets', 'rotate', 'config/production.yaml', '--to', 'k2'], inCopy(`${K1},${K2}`)),
      ]);
      expect(noTarget.code).toBe(2);
      expect(noTarget.stderr).toContain('--to k3: no such key (the keyring has k1, k2)');
      expect(partial.code).toBe(1);
      expect(partial.stderr).toContain(
        'strata: Cannot decrypt database.password with key "k0" (config/production.yaml:7:13): unknown key id; the keyring has "k1", "k2"',
      );
      expect(partial.stderr).toContain(
        'strata: config/production.yaml was not changed: 2 values cannot be decrypted with the keyring',
      );
      expect(await read('config/production.yaml')).toBe(before);
    });

    it('check names every value under a missing key, tampered, or moved to another path (file:line, path, key id, reason)', async () => {
      await seal({ password: [PASSWORD, K0], apiKey: [API_KEY, K1], pin: [Number(PIN), K1] });
      let text = await read('config/production.yaml');
      // Tamper with the PIN: flip one character of its data.
      text = text.replace(
        /(merchantPin: enc:v1:k1:)(.)/,
        (_m, head: string, first: string) => head + (first === 'A' ? 'B' : 'A'),
      );
      // Copy the valid API key envelope to a development file, under another setting.
      const apiKey = /apiKey: (enc:v1:\S+)/.exec(text)![1]!;
      await write('config/production.yaml', text);
      await write('config/development.yaml', `# development\ndatabase:\n  password: ${apiKey}\n`);
      const result = await run(['secrets', 'check'], inCopy(K1));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        [
          // development (the default environment) comes first
          '✗ Cannot decrypt database.password with key "k1" (config/development.yaml:3:13): authentication failed: wrong key, tampered value, or value moved from another path',
          '✗ Cannot decrypt database.password with key "k0" (config/production.yaml:7:13): unknown key id; the keyring has "k1". Add key "k0" to STRATA_KEYS or the key file',
          '✗ Cannot decrypt payments.merchantPin with key "k1" (config/production.yaml:11:16): authentication failed: wrong key, tampered value, or value moved from another path',
          '✗ 3 of 4 encrypted values do not decrypt with the keyring (3 files read in 2 environments: development, production)',
          '',
        ].join('\n'),
      );
      // --env limits the check to one environment.
      const production = await run(['secrets', 'check', '--env', 'production'], inCopy(`${K0},${K1}`));
      expect(production.code).toBe(1);
      expect(production.stdout).toContain(
        '✗ 1 of 3 encrypted values does not decrypt with the keyring (2 files read in 1 environment: production)',
      );
    });

    it('check reads keys from --key-file and STRATA_KEY_FILE (relative to --cwd), and reports a file it cannot read', async () => {
      await sealProduction();
      await write('keys.txt', `# test keys\n${K0}\n${K1}\n`);
      const [flag, variable] = await Promise.all([
        run(['secrets', 'check', '--key-file', 'keys.txt'], { cwd: copy.dir }),
        run(['secrets', 'check', '--cwd', copy.dir], {
          cwd: join(copy.dir, '..'),
          env: { STRATA_KEY_FILE: 'keys.txt' },
        }),
      ]);
      expect(flag.code).toBe(0);
      expect(variable.code).toBe(0);
      await write('config/production.yaml', 'database:\n  password: [unclosed\n');
      const broken = await run(['secrets', 'check', '--key-file', 'keys.txt'], { cwd: copy.dir });
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('error: config/production.yaml:3:1: flow sequence in block collection');
      expect(broken.stdout).toContain('✗ 1 source could not be loaded: their files were not checked');
      const badKeys = await run(['secrets', 'check'], {
        cwd: copy.dir,
        env: { STRATA_KEYS: 'k1:not-a-key' },
      });
      expect(badKeys.code).toBe(2);
      expect(badKeys.stderr).toContain('STRATA_KEYS entry 1: key "k1" is not valid base64');
    });
  });

  it('lists its commands', async () => {
    const help = await run(['secrets', '--help'], {});
    expect(help.code).toBe(0);
    for (const name of ['keygen', 'encrypt', 'decrypt', 'rotate', 'check']) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    }
  });
});

// `script` runs a command on a pseudo-terminal, so the prompt's raw mode (no echo) is really exercised.
const hasScript = existsSync('/usr/bin/script');

describe.skipIf(!hasScript)('strata secrets encrypt on a terminal', () => {
  let copy: FixtureCopy;
  beforeEach(async () => {
    copy = await copyFixture('secrets');
  });
  afterEach(() => copy.remove());

  it('prompts twice without echoing the value', async () => {
    const command = [
      process.execPath,
      binPath,
      'secrets',
      'encrypt',
      'config/production.yaml',
      'database.password',
    ]
      .map((word) => `'${word}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: copy.dir,
      env: runEnv({ STRATA_KEYS: K1, TERM: 'dumb' }),
    });
    const chunks: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
    const screen = (): string => chunks.join('');
    const waitForText = async (text: string): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!screen().includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" on the terminal; got:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    await waitForText('Value for database.password (not shown): ');
    child.stdin.write(`${PASSWORD}\r`);
    await waitForText('Repeat the value: ');
    child.stdin.write(`${PASSWORD}\r`);
    expect(await closed).toBe(0);
    expect(screen()).toContain('updated config/production.yaml: database.password encrypted as a string');
    expect(screen()).not.toContain(PASSWORD);
    const decrypted = await strata(
      ['secrets', 'decrypt', 'config/production.yaml', '--path', 'database.password'],
      {
        cwd: copy.dir,
        env: { STRATA_KEYS: K1 },
      },
    );
    expect(decrypted.stdout).toBe(`${PASSWORD}\n`);
  });
});

describe('output of every command but decrypt', () => {
  // Runs last (tests of a file run in order): every run above but decrypt's was recorded.
  it('never contains a plaintext or key material', () => {
    const all = printed.join('\n');
    expect(all).toContain('encrypted as a string with key "k1"');
    for (const secret of [PASSWORD, API_KEY, PIN, K1.split(':')[1]!, K2.split(':')[1]!, K0.split(':')[1]!]) {
      expect(all).not.toContain(secret);
    }
  });
});
