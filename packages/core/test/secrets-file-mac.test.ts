import { createHmac, hkdfSync } from 'node:crypto';
import { StrataError } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encryptValue } from '../src/secrets/encrypt-value.js';
import { computeFileMac, type FileMacEntry, verifyFileMac } from '../src/secrets/file-mac.js';
import { generateKey } from '../src/secrets/generate-key.js';
import { parseKeyring } from '../src/secrets/parse-keyring.js';
import { reencryptValue } from '../src/secrets/reencrypt-value.js';

const k1 = generateKey('k1');
const k2 = generateKey('k2');
const keyring = parseKeyring(`${k1.line}\n${k2.line}`);
const enc = (value: string, path: string, keyId = 'k1') => ({
  path,
  envelope: encryptValue({ value, path, keyring, keyId }),
});
const entries: FileMacEntry[] = [
  enc('pg-secret', 'database.password'),
  enc('redis-secret', 'cache.password'),
  enc('api-token', 'services.0.token'),
];

function macError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(StrataError.is(error, 'DECRYPTION_FAILED')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('computeFileMac / verifyFileMac', () => {
  const mac = computeFileMac({ entries, keyring, keyId: 'k1' });

  it('writes mac:v1:<keyId>:<43 base64url chars> and verifies an unchanged set in any order', () => {
    expect(mac).toMatch(/^mac:v1:k1:[A-Za-z0-9_-]{43}$/);
    expect(computeFileMac({ entries, keyring }).startsWith('mac:v1:k2:')).toBe(true);
    expect(verifyFileMac({ entries, mac, keyring })).toEqual({ keyId: 'k1' });
    expect(verifyFileMac({ entries: [...entries].reverse(), mac, keyring })).toEqual({ keyId: 'k1' });
    expect(computeFileMac({ entries: [...entries].reverse(), keyring, keyId: 'k1' })).toBe(mac);
    const empty = computeFileMac({ entries: [], keyring });
    expect(verifyFileMac({ entries: [], mac: empty, keyring }).keyId).toBe('k2');
  });

  it('follows the documented construction (HKDF-derived key, sorted length-prefixed pairs)', () => {
    const material = Buffer.from(k1.line.slice(3), 'base64');
    const macKey = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'strata-mac', 32));
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    const hmac = createHmac('sha256', macKey).update('strata-file-mac-v1\0').update(u32(sorted.length));
    for (const { path, envelope } of sorted) {
      hmac
        .update(u32(Buffer.byteLength(path)))
        .update(path)
        .update(u32(Buffer.byteLength(envelope)))
        .update(envelope);
    }
    expect(mac).toBe(`mac:v1:k1:${hmac.digest('base64url')}`);
    // Never keyed with the raw encryption key.
    const raw = createHmac('sha256', material).update('strata-file-mac-v1\0').digest('base64url');
    expect(mac).not.toContain(raw);
  });

  it('detects a value added, removed, swapped between paths, or re-encrypted under another key', () => {
    const [db, cache, api] = entries as [FileMacEntry, FileMacEntry, FileMacEntry];
    const tampered: Record<string, FileMacEntry[]> = {
      added: [...entries, enc('new', 'mail.password')],
      removed: [db, api],
      swapped: [
        { path: db.path, envelope: cache.envelope },
        { path: cache.path, envelope: db.envelope },
        api,
      ],
      rekeyed: [
        db,
        cache,
        {
          path: api.path,
          envelope: reencryptValue({ envelope: api.envelope, path: api.path, keyring, toKeyId: 'k2' }),
        },
      ],
      reencryptedSameKey: [db, cache, enc('api-token', 'services.0.token')],
    };
    for (const [what, changed] of Object.entries(tampered)) {
      const message = macError(() =>
        verifyFileMac({ entries: changed, mac, keyring, where: 'config/prod.yaml' }),
      );
      expect(message, what).toContain('File MAC check failed for config/prod.yaml');
      expect(message, what).toContain('a value was added, removed, moved to another path or re-encrypted');
      for (const plaintext of ['pg-secret', 'redis-secret', 'api-token'])
        expect(message).not.toContain(plaintext);
    }
  });

  it('detects any change of any path or envelope (property)', () => {
    const text = fc.string({ minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(text, text), {
          minLength: 1,
          maxLength: 6,
          selector: ([p]) => p.toLowerCase().replace(/[_-]/g, ''),
        }),
        fc.nat(),
        fc.boolean(),
        fc.string({ maxLength: 3 }),
        (pairs, pick, inPath, suffix) => {
          const list = pairs.map(([path, envelope]) => ({ path, envelope }));
          const mac = computeFileMac({ entries: list, keyring });
          expect(verifyFileMac({ entries: list, mac, keyring }).keyId).toBe('k2');
          const i = pick % list.length;
          const target = list[i]!;
          const changed = inPath
            ? { path: `${target.path}x${suffix}`, envelope: target.envelope }
            : { path: target.path, envelope: `${target.envelope}${suffix || 'x'}` };
          fc.pre(!list.some((e, j) => j !== i && e.path.toLowerCase() === changed.path.toLowerCase()));
          const next = list.map((e, j) => (j === i ? changed : e));
          expect(() => verifyFileMac({ entries: next, mac, keyring })).toThrow(/do not match the MAC/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is unambiguous where a naive concatenation would not be', () => {
    const a = computeFileMac({ entries: [{ path: 'ab', envelope: 'c' }], keyring });
    const b = computeFileMac({ entries: [{ path: 'a', envelope: 'bc' }], keyring });
    expect(a).not.toBe(b);
  });

  it('explains a MAC from a key the keyring lacks, and malformed MACs', () => {
    const other = parseKeyring(generateKey('k9').line);
    const foreign = computeFileMac({ entries, keyring: other });
    expect(macError(() => verifyFileMac({ entries, mac: foreign, keyring }))).toContain(
      'the MAC was made with key "k9", but the keyring has "k1", "k2"',
    );
    const sameIdOtherMaterial = parseKeyring(generateKey('k1').line);
    expect(macError(() => verifyFileMac({ entries, mac, keyring: sameIdOtherMaterial }))).toContain(
      'do not match the MAC',
    );
    for (const bad of [
      '',
      'mac:v2:k1:abc',
      'mac:v1:k1',
      'mac:v1:bad id:abc',
      `${mac.slice(0, -2)}`,
      `${mac}==`,
    ]) {
      expect(macError(() => verifyFileMac({ entries, mac: bad, keyring }))).toMatch(
        /malformed MAC|does not start/,
      );
    }
  });

  it('refuses two entries that name the same setting', () => {
    const twice = [...entries, { path: 'Database.Password', envelope: entries[0]!.envelope }];
    expect(macError(() => computeFileMac({ entries: twice, keyring }))).toContain(
      'Two encrypted values name the same setting',
    );
  });

  it('needs a known key to compute', () => {
    expect(() => computeFileMac({ entries, keyring, keyId: 'nope' })).toThrow(/No key "nope"/);
  });
});
