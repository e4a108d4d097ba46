import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { StrataError } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptValue } from '../src/secrets/decrypt-value.js';
import { encryptValue } from '../src/secrets/encrypt-value.js';
import { generateKey } from '../src/secrets/generate-key.js';
import { Keyring } from '../src/secrets/keyring.js';
import { KeyringKey } from '../src/secrets/keyring-key.js';
import { loadKeyring } from '../src/secrets/load-keyring.js';
import { parseKeyring } from '../src/secrets/parse-keyring.js';

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

function keyringError(run: () => unknown): StrataError {
  try {
    run();
  } catch (error) {
    expect(StrataError.is(error, 'KEYRING_INVALID')).toBe(true);
    return error as StrataError;
  }
  throw new Error('expected a throw');
}

async function keyringErrorAsync(run: () => Promise<unknown>): Promise<StrataError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StrataError.is(error, 'KEYRING_INVALID')).toBe(true);
  return error as StrataError;
}

function expectNoMaterial(error: Error, ...materials: string[]): void {
  for (const material of materials) {
    expect(error.message).not.toContain(material);
    expect(error.stack ?? '').not.toContain(material);
    expect(String(error.cause)).not.toContain(material);
  }
}

describe('parseKeyring', () => {
  it('reads comma and newline separated entries, tolerating whitespace; the last is primary', () => {
    const [a, b, c] = [b64(32), b64(32), randomBytes(32).toString('base64url')];
    const ring = parseKeyring(` k1:${a} ,\n\n  k.2-old_x : ${b}\r\n,k3:${c},`);
    expect(ring.ids).toEqual(['k1', 'k.2-old_x', 'k3']);
    expect(ring.size).toBe(3);
    expect(ring.has('k1')).toBe(true);
    expect(ring.has('k4')).toBe(false);
    expect(ring.primary.id).toBe('k3');
    expect(ring.get('k3')!.keyObject.symmetricKeySize).toBe(32);
    expect(ring.get('k3')!.keyObject.export().toString('base64url')).toBe(c);
  });

  it('gives an empty keyring for empty text or comments only', () => {
    expect(parseKeyring('').size).toBe(0);
    expect(parseKeyring('  # nothing yet\n\n').ids).toEqual([]);
    expect(() => parseKeyring('').primary).toThrow(/keyring is empty/);
  });

  it('refuses a key that is not 32 bytes, naming the key and entry', () => {
    for (const bytes of [16, 31, 33, 64]) {
      const material = b64(bytes);
      const e = keyringError(() => parseKeyring(`k1:${b64(32)},short:${material}`));
      expect(e.message).toBe(
        `STRATA_KEYS entry 2: key "short" decodes to ${bytes} bytes; a Strata key must be exactly 32 bytes (generate one with generateKey() or \`openssl rand -base64 32\`)`,
      );
      expectNoMaterial(e, material);
    }
  });

  it('refuses bad base64 without printing it', () => {
    const good = b64(32);
    for (const bad of [`${good.slice(0, 40)}!!!=`, `${good.slice(0, -2)}==`, `${good} ${good}`, 'AAAA=AAA']) {
      const e = keyringError(() => parseKeyring(`k1:${bad}`, { source: 'KEYS' }));
      expect(e.message).toMatch(/^KEYS entry 1: key "k1" (is not valid base64|decodes to)/);
      expectNoMaterial(e, bad, good);
    }
  });

  it('refuses duplicate ids, even with the same material', () => {
    const m = b64(32);
    const e = keyringError(() => parseKeyring(`a:${b64(32)}\nb:${m}\nb:${m}`, { source: 'keys.txt' }));
    expect(e.message).toBe(
      'keys.txt line 3, entry 3: key id "b" was already used by entry 2; key ids must be unique',
    );
    expectNoMaterial(e, m);
  });

  it('refuses malformed entries without echoing them', () => {
    const m = b64(32);
    const url = randomBytes(32).toString('base64url');
    const cases: [string, RegExp][] = [
      [m, /entry 1: expected "keyId:base64key" \(no ":" found\)/],
      [`bad id!:${m}`, /entry 1: the key id is not valid; it must match/],
      [`${'x'.repeat(65)}:${m}`, /the key id is not valid/],
      [`:${m}`, /the key id is not valid/],
      [`k1:`, /key "k1" has no key material/],
      [`${url}:k1`, /the key id looks like key material/],
    ];
    for (const [text, reason] of cases) {
      const e = keyringError(() => parseKeyring(text));
      expect(e.message).toMatch(reason);
      expectNoMaterial(e, m, url);
    }
  });

  it('keeps key material out of toString, toJSON and util.inspect', () => {
    const lines = [generateKey('k1').line, generateKey('k2').line];
    const ring = parseKeyring(lines.join('\n'));
    const shown = [
      String(ring),
      `${ring}`,
      JSON.stringify(ring),
      JSON.stringify({ ring, key: ring.primary }),
      inspect(ring, { showHidden: true, depth: 20 }),
      inspect(ring.primary, { showHidden: true, depth: 20 }),
      inspect({ nested: { ring } }, { showHidden: true, depth: 20 }),
      String(ring.primary),
      JSON.stringify(ring.keys()),
    ];
    for (const line of lines) {
      const material = line.slice(line.indexOf(':') + 1);
      const bytes = Buffer.from(material, 'base64');
      for (const text of shown) {
        expect(text).not.toContain(material);
        expect(text).not.toContain(bytes.toString('hex'));
        expect(text).not.toContain(bytes.toString('base64url'));
      }
    }
    expect(String(ring)).toBe('Keyring(k1, k2; primary k2)');
    expect(JSON.stringify(ring)).toBe('{"ids":["k1","k2"],"primary":"k2"}');
    expect(inspect(ring)).toBe('Keyring(k1, k2; primary k2)');
    expect(inspect(ring.primary)).toBe('KeyringKey(k2)');
    expect(String(new Keyring())).toBe('Keyring(empty)');
  });

  it('builds from KeyringKey objects and refuses bad ones', () => {
    const key = new KeyringKey('a', randomBytes(32));
    expect(new Keyring([key]).primary).toBe(key);
    expect(() => new Keyring([key, new KeyringKey('a', randomBytes(32))])).toThrow(/appears twice/);
    expect(() => new KeyringKey('a', randomBytes(16))).toThrow(/16 bytes long/);
    expect(() => new KeyringKey('no spaces', randomBytes(32))).toThrow(/Invalid key id/);
  });
});

describe('generateKey', () => {
  it('makes a line that parses back into a working key', () => {
    const { id, line } = generateKey();
    expect(id).toMatch(/^k\d{8}-[0-9a-f]{6}$/);
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    expect([today, yesterday]).toContain(id.slice(1, 9));
    const ring = parseKeyring(line);
    expect(ring.ids).toEqual([id]);
    const envelope = encryptValue({ value: 'v', path: 'a', keyring: ring });
    expect(decryptValue({ envelope, path: 'a', keyring: ring })).toBe('v');
  });

  it('uses the given id, makes distinct keys, refuses bad ids', () => {
    const a = generateKey('prod-2026');
    const b = generateKey('prod-2026');
    expect(a.id).toBe('prod-2026');
    expect(a.line.startsWith('prod-2026:')).toBe(true);
    expect(a.line).not.toBe(b.line);
    expect(generateKey().id).not.toBe(generateKey().id);
    keyringError(() => generateKey('has space'));
  });
});

describe('loadKeyring', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a key file with comments, one key per line', async () => {
    const [a, b] = [generateKey('old'), generateKey('new')];
    const file = join(dir, 'keys.txt');
    await writeFile(file, `# Strata keys\n\n${a.line}   # retired 2026-11\n  ${b.line}\n# end\n`);
    const ring = await loadKeyring({ keyFile: file, env: {} });
    expect(ring.ids).toEqual(['old', 'new']);
    expect(ring.primary.id).toBe('new');
  });

  it('reports the file and line of a bad entry', async () => {
    const file = join(dir, 'bad.txt');
    const material = b64(24);
    await writeFile(file, `# keys\n${generateKey('a').line}\nb:${material}\n`);
    const e = await keyringErrorAsync(() => loadKeyring({ keyFile: file, env: {} }));
    expect(e.message).toContain(`${file} line 3, entry 2: key "b" decodes to 24 bytes`);
    expectNoMaterial(e, material);
  });

  it('reads STRATA_KEYS and STRATA_KEY_FILE from the given env; combines both, env keys last', async () => {
    const [a, b, c] = [generateKey('a'), generateKey('b'), generateKey('c')];
    const file = join(dir, 'both.txt');
    await writeFile(file, `${a.line}\n${b.line}\n`);
    const ring = await loadKeyring({ env: { STRATA_KEY_FILE: file, STRATA_KEYS: `${c.line},${b.line}` } });
    // b is in both with the same material: kept once, at its later (env) position.
    expect(ring.ids).toEqual(['a', 'c', 'b']);
    expect(ring.primary.id).toBe('b');
    const envOnly = await loadKeyring({ env: { STRATA_KEYS: c.line } });
    expect(envOnly.ids).toEqual(['c']);
    const explicitFile = await loadKeyring({ keyFile: file, env: { STRATA_KEY_FILE: '/nonexistent' } });
    expect(explicitFile.ids).toEqual(['a', 'b']);
  });

  it('refuses the same id with different material in the file and the env', async () => {
    const file = join(dir, 'clash.txt');
    const fileKey = generateKey('same');
    const envKey = generateKey('same');
    await writeFile(file, fileKey.line);
    const e = await keyringErrorAsync(() =>
      loadKeyring({ keyFile: file, env: { STRATA_KEYS: envKey.line } }),
    );
    expect(e.message).toBe(
      `Key id "same" is defined in both key file ${file} and STRATA_KEYS with different key material; remove one of them or rename a key`,
    );
    expectNoMaterial(e, fileKey.line.slice(5), envKey.line.slice(5));
  });

  it('gives an empty keyring when nothing is configured, and explains a missing file', async () => {
    expect((await loadKeyring({ env: { STRATA_KEYS: '  ' } })).size).toBe(0);
    const missing = join(dir, 'missing.txt');
    const e = await keyringErrorAsync(() => loadKeyring({ keyFile: missing, env: {} }));
    expect(e.message).toBe(`Cannot read key file ${missing}: it does not exist`);
    expect(e.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['/dev/zero', 'it is not a regular file'],
    ['/dev/urandom', 'it is not a regular file'],
    ['a FIFO', 'it is not a regular file'],
    ['a 2 MB file', 'it is larger than 1048576 bytes'],
    ['invalid UTF-8', 'it is not UTF-8 text (line 2)'],
  ])('refuses a key file that is %s at once, naming it', async (what, reason) => {
    const file = join(dir, `keys-${what.replace(/\W/g, '')}`);
    if (what.startsWith('/dev/')) await symlink(what, file);
    else if (what === 'a FIFO') execFileSync('mkfifo', [file]);
    else if (what === 'a 2 MB file') await writeFile(file, `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    else
      await writeFile(
        file,
        Buffer.concat([Buffer.from(`${generateKey('u').line}\n# `), Buffer.from([0xff])]),
      );
    const e = await keyringErrorAsync(() => loadKeyring({ keyFile: file, env: {} }));
    expect(e.message).toMatch(
      new RegExp(`^Cannot read key file ${file}: ${reason.replace(/[()]/g, '\\$&')}`),
    );
  });

  it('defaults to process.env', async () => {
    const key = generateKey('from-process');
    const saved = { keys: process.env.STRATA_KEYS, file: process.env.STRATA_KEY_FILE };
    process.env.STRATA_KEYS = key.line;
    delete process.env.STRATA_KEY_FILE;
    try {
      expect((await loadKeyring()).ids).toEqual(['from-process']);
    } finally {
      if (saved.keys === undefined) delete process.env.STRATA_KEYS;
      else process.env.STRATA_KEYS = saved.keys;
      if (saved.file !== undefined) process.env.STRATA_KEY_FILE = saved.file;
    }
  });
});
