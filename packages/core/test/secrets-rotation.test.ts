import { DecryptionError, StrataError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { decryptValue } from '../src/secrets/decrypt-value.js';
import { encryptValue } from '../src/secrets/encrypt-value.js';
import { parseEnvelope } from '../src/secrets/envelope.js';
import { findEnvelopes } from '../src/secrets/find-envelopes.js';
import { generateKey } from '../src/secrets/generate-key.js';
import { parseKeyring } from '../src/secrets/parse-keyring.js';
import { reencryptValue } from '../src/secrets/reencrypt-value.js';

const old = generateKey('old');
const next = generateKey('next');
const keyring = parseKeyring(`${old.line},${next.line}`);

describe('reencryptValue', () => {
  it('moves a value to the target key, keeping value and type', () => {
    for (const value of ['s3cret', 42.5, false]) {
      const envelope = encryptValue({ value, path: 'db.password', keyring, keyId: 'old' });
      const moved = reencryptValue({ envelope, path: 'db.password', keyring, toKeyId: 'next' });
      expect(parseEnvelope({ envelope: moved, path: 'db.password' }).keyId).toBe('next');
      expect(decryptValue({ envelope: moved, path: 'db.password', keyring })).toBe(value);
      // After rotation the old key can go.
      expect(decryptValue({ envelope: moved, path: 'db.password', keyring: parseKeyring(next.line) })).toBe(
        value,
      );
    }
  });

  it('defaults to the primary key and leaves a value already under the target unchanged', () => {
    const envelope = encryptValue({ value: 'v', path: 'a', keyring, keyId: 'old' });
    const moved = reencryptValue({ envelope, path: 'a', keyring });
    expect(moved.startsWith('enc:v1:next:')).toBe(true);
    expect(reencryptValue({ envelope: moved, path: 'a', keyring })).toBe(moved);
  });

  it('still verifies a value already under the target key', () => {
    const envelope = encryptValue({ value: 'v', path: 'a', keyring });
    expect(() => reencryptValue({ envelope, path: 'b', keyring })).toThrow(DecryptionError);
  });

  it('fails clearly without the source or the target key', () => {
    const envelope = encryptValue({ value: 'v', path: 'a', keyring, keyId: 'old' });
    const onlyNext = parseKeyring(next.line);
    expect(() =>
      reencryptValue({ envelope, path: 'a', keyring: onlyNext, where: 'file x.yaml:1:1' }),
    ).toThrow(/Cannot decrypt a with key "old" \(file x.yaml:1:1\): unknown key id; the keyring has "next"/);
    try {
      reencryptValue({ envelope, path: 'a', keyring, toKeyId: 'newest' });
      expect.unreachable();
    } catch (error) {
      expect(StrataError.is(error, 'KEYRING_INVALID')).toBe(true);
    }
  });
});

describe('findEnvelopes', () => {
  it('lists every enc: string leaf with dotted paths and array indexes', () => {
    const tree = {
      database: { host: 'db', password: 'enc:v1:k1:AAA', port: 5432, nested: { deep: { token: 'enc:x' } } },
      servers: [{ name: 'a', secret: 'enc:v1:k1:BBB' }, 'enc:v1:k1:CCC', ['enc:v1:k1:DDD']],
      plain: 'not enc:',
      flag: true,
      none: null,
      'dotted.key': 'enc:v1:k1:EEE',
    };
    expect(findEnvelopes(tree)).toEqual([
      { path: 'database.password', segments: ['database', 'password'], envelope: 'enc:v1:k1:AAA' },
      {
        path: 'database.nested.deep.token',
        segments: ['database', 'nested', 'deep', 'token'],
        envelope: 'enc:x',
      },
      { path: 'servers.0.secret', segments: ['servers', '0', 'secret'], envelope: 'enc:v1:k1:BBB' },
      { path: 'servers.1', segments: ['servers', '1'], envelope: 'enc:v1:k1:CCC' },
      { path: 'servers.2.0', segments: ['servers', '2', '0'], envelope: 'enc:v1:k1:DDD' },
      { path: 'dotted.key', segments: ['dotted.key'], envelope: 'enc:v1:k1:EEE' },
    ]);
  });

  it('walks null-prototype nodes, skips class instances, reports shared objects at each path, stops at cycles', () => {
    const shared = { token: 'enc:s' };
    const node = Object.assign(Object.create(null) as Record<string, unknown>, { a: shared, b: shared });
    node.self = node;
    class Opaque {
      token = 'enc:hidden';
    }
    node.opaque = new Opaque();
    node.when = new Date();
    expect(findEnvelopes(node).map((f) => f.path)).toEqual(['a.token', 'b.token']);
    expect(findEnvelopes('enc:top')).toEqual([]);
    expect(findEnvelopes(undefined)).toEqual([]);
  });

  it('finds what a whole-file rotation must rewrite', () => {
    const tree = {
      db: { password: encryptValue({ value: 'p', path: 'db.password', keyring, keyId: 'old' }) },
      api: { keys: [encryptValue({ value: 7, path: 'api.keys.0', keyring, keyId: 'old' })] },
    };
    const rotated = findEnvelopes(tree).map(({ path, envelope }) => ({
      path,
      envelope: reencryptValue({ envelope, path, keyring, toKeyId: 'next' }),
    }));
    const onlyNext = parseKeyring(next.line);
    expect(rotated.map((r) => decryptValue({ ...r, keyring: onlyNext }))).toEqual(['p', 7]);
  });
});
