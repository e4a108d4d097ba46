import { createCipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { DecryptionError, StrataError } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptValue } from '../src/secrets/decrypt-value.js';
import { encryptValue } from '../src/secrets/encrypt-value.js';
import { isEnvelope, parseEnvelope } from '../src/secrets/envelope.js';
import { generateKey } from '../src/secrets/generate-key.js';
import type { Keyring } from '../src/secrets/keyring.js';
import { parseKeyring } from '../src/secrets/parse-keyring.js';
import { canonicalSecretPath } from '../src/secrets/secret-path.js';

const k1 = generateKey('k1');
const k2 = generateKey('k2');
const keyring = parseKeyring(`${k1.line},${k2.line}`);
const keyMaterial = [k1, k2].flatMap((k) => materialSpellings(k.line));

/** The key as written, and in the other spellings an error could leak it in. */
function materialSpellings(line: string): string[] {
  const b64 = line.slice(line.indexOf(':') + 1);
  const bytes = Buffer.from(b64, 'base64');
  return [b64, bytes.toString('base64url'), bytes.toString('hex')];
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Asserts a DecryptionError that shows none of `secrets` anywhere a log could print it. */
function expectCleanDecryptionError(error: unknown, secrets: readonly string[]): DecryptionError {
  expect(error).toBeInstanceOf(DecryptionError);
  expect(StrataError.is(error, 'DECRYPTION_FAILED')).toBe(true);
  const e = error as DecryptionError;
  const printed = [e.message, e.stack ?? '', String(e.cause), inspect(e, { depth: 10 }), JSON.stringify(e)];
  for (const secret of secrets) {
    for (const text of printed) expect(text).not.toContain(secret);
  }
  return e;
}

const roundTrip = (value: string | number | boolean, path = 'database.password', ring: Keyring = keyring) =>
  decryptValue({ envelope: encryptValue({ value, path, keyring: ring }), path, keyring: ring });

describe('encryptValue / decryptValue', () => {
  it('writes enc:v1:<primary key id>:<base64url> with a fresh IV each time', () => {
    const a = encryptValue({ value: 'hunter2', path: 'database.password', keyring });
    const b = encryptValue({ value: 'hunter2', path: 'database.password', keyring });
    expect(a).toMatch(/^enc:v1:k2:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(parseEnvelope({ envelope: a, path: 'x' }).iv).not.toEqual(
      parseEnvelope({ envelope: b, path: 'x' }).iv,
    );
    const explicit = encryptValue({ value: 'x', path: 'p', keyring, keyId: 'k1' });
    expect(explicit.startsWith('enc:v1:k1:')).toBe(true);
    const byKey = encryptValue({ value: 'x', path: 'p', key: keyring.get('k1')! });
    expect(decryptValue({ envelope: byKey, path: 'p', keyring })).toBe('x');
  });

  it('round-trips strings, keeping them strings', () => {
    for (const value of [
      '',
      'hunter2',
      'pässwörd ✓ 密码 🔐👩‍💻',
      '  spaced  ',
      'a\nb\0c',
      'x'.repeat(100_000),
      '5',
      'true',
    ]) {
      const back = roundTrip(value);
      expect(back).toBe(value);
      expect(typeof back).toBe('string');
    }
  });

  it('round-trips numbers, keeping them numbers', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      5432,
      Math.PI,
      -273.15,
      1e21,
      1.7976931348623157e308,
      5e-324,
      2 ** 53 + 2,
      -(2 ** 60),
    ];
    for (const value of [...values, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const back = roundTrip(value);
      expect(typeof back).toBe('number');
      expect(Object.is(back, value)).toBe(true);
    }
  });

  it('round-trips booleans, keeping them booleans', () => {
    expect(roundTrip(true)).toBe(true);
    expect(roundTrip(false)).toBe(false);
  });

  it('decrypts with an older key of the keyring (rotation)', () => {
    const old = encryptValue({ value: 'v', path: 'a.b', keyring, keyId: 'k1' });
    expect(decryptValue({ envelope: old, path: 'a.b', keyring })).toBe('v');
  });

  it('binds the value to its setting, however the setting is spelled', () => {
    const envelope = encryptValue({ value: 'v', path: 'database.poolSize', keyring });
    for (const path of ['DATABASE.POOL_SIZE', 'database.pool-size', 'Database.PoolSize']) {
      expect(decryptValue({ envelope, path, keyring })).toBe('v');
    }
    expect(canonicalSecretPath('Database.Pool_Size.x-y')).toBe('database.poolsize.xy');
  });

  it('refuses values that cannot be encrypted faithfully', () => {
    const bad = [null, undefined, {}, [], 1n, '\uD800 lone surrogate'] as unknown as string[];
    for (const value of bad) expect(() => encryptValue({ value, path: 'a', keyring })).toThrow(TypeError);
    expect(() => encryptValue({ value: 'v', path: '', keyring })).toThrow(TypeError);
  });

  it('says which key is missing when encrypting with an unknown id or an empty keyring', () => {
    const e = thrown(() => encryptValue({ value: 'v', path: 'a', keyring, keyId: 'k9' }));
    expect(StrataError.is(e, 'KEYRING_INVALID')).toBe(true);
    expect((e as Error).message).toContain('"k9"');
    expect((e as Error).message).toContain('"k1", "k2"');
    const empty = thrown(() => encryptValue({ value: 'v', path: 'a', keyring: parseKeyring('') }));
    expect(StrataError.is(empty, 'KEYRING_INVALID')).toBe(true);
    expect((empty as Error).message).toContain('empty');
  });
});

describe('decryption failures', () => {
  const plaintext = 'SeCrEt-correct-horse-battery';
  const envelope = encryptValue({ value: plaintext, path: 'database.password', keyring, keyId: 'k1' });
  const secrets = [plaintext, ...keyMaterial];

  it('fails for a value moved to another path', () => {
    const e = expectCleanDecryptionError(
      thrown(() =>
        decryptValue({ envelope, path: 'cache.password', keyring, where: 'file config/prod.yaml:4:13' }),
      ),
      secrets,
    );
    expect(e.path).toBe('cache.password');
    expect(e.keyId).toBe('k1');
    expect(e.message).toContain('Cannot decrypt cache.password with key "k1" (file config/prod.yaml:4:13)');
    expect(e.message).toContain(
      'authentication failed: wrong key, tampered value, or value moved from another path',
    );
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('fails for another key under the same id', () => {
    const otherLine = generateKey('k1').line;
    const other = parseKeyring(otherLine);
    const e = expectCleanDecryptionError(
      thrown(() => decryptValue({ envelope, path: 'database.password', keyring: other })),
      [...secrets, ...materialSpellings(otherLine)],
    );
    expect(e.message).toContain('authentication failed');
  });

  it('names the known key ids for an unknown key id', () => {
    const onlyK2 = parseKeyring(k2.line);
    const e = expectCleanDecryptionError(
      thrown(() => decryptValue({ envelope, path: 'database.password', keyring: onlyK2 })),
      secrets,
    );
    expect(e.keyId).toBe('k1');
    expect(e.message).toContain('unknown key id; the keyring has "k2"');
    const none = expectCleanDecryptionError(
      thrown(() => decryptValue({ envelope, path: 'database.password', keyring: parseKeyring('') })),
      secrets,
    );
    expect(none.message).toContain('the keyring is empty');
  });

  it('explains malformed envelopes without echoing them', () => {
    const [, , , data] = envelope.split(':') as [string, string, string, string];
    const cases: [string, RegExp][] = [
      ['encv1:k1:abc', /does not start with "enc:"/],
      [`enc:v2:k1:${data}`, /unsupported version "v2"; this Strata reads v1/],
      [`enc:V1:k1:${data}`, /unsupported version; this Strata reads v1/],
      ['enc:', /unsupported version/],
      ['enc:v1:', /expected enc:v1:<keyId>:<base64url data>/],
      ['enc:v1:k1', /expected enc:v1:<keyId>:<base64url data>/],
      [`enc:v1:k1:${data}:extra`, /expected enc:v1/],
      [`enc:v1:bad key!:${data}`, /the key id is not valid/],
      [`enc:v1::${data}`, /the key id is not valid/],
      [`enc:v1:k1:${data}=`, /not base64url/],
      [`enc:v1:k1:${data.replace(/^./, '+')}`, /not base64url/],
      [`enc:v1:k1: ${data}`, /not base64url/],
      [`enc:v1:k1:${data.slice(0, 30)}`, /shorter than the 29-byte minimum/],
      ['enc:v1:k1:', /not base64url/],
    ];
    for (const [text, reason] of cases) {
      const e = expectCleanDecryptionError(
        thrown(() => decryptValue({ envelope: text, path: 'p.q', keyring })),
        [...secrets, data.slice(0, 30)],
      );
      expect(e.message).toMatch(reason);
      expect(e.message).toContain('malformed envelope');
      expect(e.path).toBe('p.q');
    }
  });

  it('refuses a non-canonical base64url spelling of the same bytes', () => {
    // 12 + 3 + 16 = 31 bytes: the last base64url character carries 4 spare bits, so a second spelling exists.
    const short = encryptValue({ value: 'ab', path: 'a', keyring, keyId: 'k1' });
    const data = short.split(':')[3]!;
    const bytes = Buffer.from(data, 'base64url');
    expect(bytes.length % 3).toBe(1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = data.slice(0, -1) + alphabet[alphabet.indexOf(data.at(-1)!) + 1];
    expect(Buffer.from(twin, 'base64url')).toEqual(bytes);
    expect(decryptValue({ envelope: short, path: 'a', keyring })).toBe('ab');
    expect(() => decryptValue({ envelope: `enc:v1:k1:${twin}`, path: 'a', keyring })).toThrow(
      /not canonical/,
    );
  });

  it('names an authenticated but unknown type tag', () => {
    // Built with a raw cipher, as a newer Strata with a new value type would.
    const e = thrown(() => decryptValue({ envelope: forgedTypeTag(0x64), path: 'a', keyring }));
    expect((e as Error).message).toContain('unknown value type tag 0x64');
  });
});

describe('properties', () => {
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.double(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.boolean(),
  );
  const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).filter((s) => /[A-Za-z0-9]/.test(s));
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'));

  it('decrypt(encrypt(v)) is v, with its type, for any value and path', () => {
    fc.assert(
      fc.property(value, path, (v, p) => {
        const back = roundTrip(v, p);
        expect(typeof back).toBe(typeof v);
        expect(Object.is(back, v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('any single flipped bit of iv | ciphertext | tag makes decryption fail', () => {
    fc.assert(
      fc.property(value, path, fc.nat(), (v, p, bit) => {
        const envelope = encryptValue({ value: v, path: p, keyring });
        const prefix = envelope.slice(0, envelope.lastIndexOf(':') + 1);
        const bytes = Buffer.from(envelope.slice(prefix.length), 'base64url');
        const at = bit % (bytes.length * 8);
        bytes[at >> 3]! ^= 1 << (at & 7);
        const e = thrown(() =>
          decryptValue({ envelope: prefix + bytes.toString('base64url'), path: p, keyring }),
        );
        expect(e).toBeInstanceOf(DecryptionError);
        expect((e as Error).message).toContain('authentication failed');
      }),
      { numRuns: 300 },
    );
  });

  it('a value moved to another setting, or read with another key, fails', () => {
    const stranger = parseKeyring(generateKey('k2').line);
    fc.assert(
      fc.property(value, path, path, (v, from, to) => {
        fc.pre(canonicalSecretPath(from) !== canonicalSecretPath(to));
        const envelope = encryptValue({ value: v, path: from, keyring });
        expect(() => decryptValue({ envelope, path: to, keyring })).toThrow(DecryptionError);
        expect(() => decryptValue({ envelope, path: from, keyring: stranger })).toThrow(DecryptionError);
      }),
      { numRuns: 200 },
    );
  });

  it('error messages never contain the plaintext or the key', () => {
    const distinctive = fc.string({ minLength: 8, maxLength: 40 }).map((s) => `SeCrEt:${s}`);
    fc.assert(
      fc.property(distinctive, path, fc.nat(), (v, p, bit) => {
        const envelope = encryptValue({ value: v, path: p, keyring });
        const bytes = Buffer.from(envelope.split(':')[3]!, 'base64url');
        bytes[bit % bytes.length]! ^= 0x80;
        for (const attempt of [
          () => decryptValue({ envelope, path: `${p}.moved`, keyring }),
          () => decryptValue({ envelope: `enc:v1:k2:${bytes.toString('base64url')}`, path: p, keyring }),
        ]) {
          expectCleanDecryptionError(thrown(attempt), [v, ...keyMaterial]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('isEnvelope and parseEnvelope', () => {
  it('checks the prefix only', () => {
    expect(isEnvelope('enc:v1:k1:x')).toBe(true);
    expect(isEnvelope('enc:anything')).toBe(true);
    expect(isEnvelope(' enc:v1')).toBe(false);
    expect(isEnvelope('plain')).toBe(false);
    expect(isEnvelope(42)).toBe(false);
    expect(isEnvelope(undefined)).toBe(false);
  });

  it('splits an envelope without a key', () => {
    const envelope = encryptValue({ value: 'abc', path: 'a', keyring, keyId: 'k1' });
    const parsed = parseEnvelope({ envelope, path: 'a' });
    expect(parsed.keyId).toBe('k1');
    expect(parsed.iv).toHaveLength(12);
    expect(parsed.tag).toHaveLength(16);
    expect(parsed.ciphertext).toHaveLength(4); // type tag + 3 bytes
  });

  it('decrypts 1,000 values with keys imported once (KeyObject per keyring key)', () => {
    const key = keyring.get('k2')!;
    expect(key.keyObject).toBe(key.keyObject);
    const envelopes = Array.from({ length: 1000 }, (_, i) =>
      encryptValue({ value: `v${i}`, path: `s.k${i}`, keyring }),
    );
    envelopes.forEach((envelope, i) => {
      expect(decryptValue({ envelope, path: `s.k${i}`, keyring })).toBe(`v${i}`);
    });
  });
});

/** An envelope whose plaintext starts with `tag`, encrypted correctly with k1 for path `a`. */
function forgedTypeTag(tag: number): string {
  const key = keyring.get('k1')!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.keyObject, iv);
  cipher.setAAD(Buffer.from('a'));
  const ct = Buffer.concat([cipher.update(Buffer.from([tag, 0x41])), cipher.final()]);
  return `enc:v1:k1:${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')}`;
}
