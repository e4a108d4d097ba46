import { inspect } from 'node:util';
import { IsInt, IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadConfig, Secret, Section, StrataError } from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import {
  computeFileMac,
  encryptValue,
  FILE_MAC_KEY,
  generateKey,
  Keyring,
  parseKeyring,
} from '@strata/core/secrets';
import { fixedSource } from '@strata-internal/test-support';

@Section('database')
class DatabaseConfig {
  @Secret({ from: ['encrypted', 'vault'] }) @IsString() password!: string;
  @IsInt() port = 5432;
  @IsString({ each: true }) tokens: string[] = [];
}

const key = generateKey('k1');
const other = generateKey('k2');
const keyring = parseKeyring(key.line);

describe('encrypted values in the pipeline', () => {
  it('decrypts with the keyring, keeps the type, marks the origin, and treats them as secrets', async () => {
    const values = {
      'database.password': encryptValue({ value: 'correct-horse', path: 'database.password', keyring }),
      'database.port': encryptValue({ value: 6543, path: 'database.port', keyring }),
      'database.tokens': [
        'plain',
        encryptValue({ value: 'inner-secret', path: 'database.tokens.1', keyring }),
      ],
    };
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [fixedSource('file', values)] },
      { keyring },
    );
    const db = config.get(DatabaseConfig);
    expect(db).toMatchObject({ password: 'correct-horse', port: 6543, tokens: ['plain', 'inner-secret'] });
    expect(config.explain('database.port')?.source).toMatchObject({ source: 'file', encrypted: true });
    const printed = [
      inspect(db),
      JSON.stringify(config),
      JSON.stringify(config.explain('database.port')),
    ].join('\n');
    expect(printed).not.toContain('correct-horse');
    expect(printed).not.toContain('6543');
    expect(printed).not.toContain('inner-secret');
  });

  it('reads the keyring from STRATA_KEYS', async () => {
    const envelope = encryptValue({ value: 'from-env-keyring', path: 'database.password', keyring });
    const config = await loadConfig(
      { sections: [DatabaseConfig], sources: [fixedSource('file', { 'database.password': envelope })] },
      { env: { STRATA_KEYS: `${other.line},${key.line}` } },
    );
    expect(config.get(DatabaseConfig).password).toBe('from-env-keyring');
  });

  it('reports undecryptable values by path and key id, never the plaintext', async () => {
    const wrongKeyring = parseKeyring(`k1:${other.line.split(':')[1]}`);
    const envelope = encryptValue({ value: 'never-print-me', path: 'database.password', keyring });
    const moved = encryptValue({ value: 'never-print-me', path: 'database.other', keyring });
    for (const [values, ring, expected] of [
      [
        { 'database.password': envelope },
        wrongKeyring,
        /database\.password: cannot be decrypted with key "k1".*authentication failed/,
      ],
      [
        { 'database.password': moved },
        keyring,
        /database\.password: cannot be decrypted with key "k1".*authentication failed/,
      ],
      [
        { 'database.password': envelope },
        new Keyring(),
        /database\.password: cannot be decrypted with key "k1".*unknown key/i,
      ],
      [{ 'database.password': 'enc:v1:k1:!!!' }, keyring, /database\.password: cannot be decrypted/],
    ] as const) {
      const error = (await loadConfig(
        { sections: [DatabaseConfig], sources: [fixedSource('file', values)] },
        { keyring: ring },
      ).catch((e: unknown) => e)) as ConfigValidationError;
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect(error.message).toMatch(expected);
      expect(`${error.message}${error.stack}${inspect(error)}`).not.toContain('never-print-me');
    }
    const noKeys = await loadConfig(
      { sections: [DatabaseConfig], sources: [fixedSource('file', { 'database.password': envelope })] },
      { env: {} },
    ).catch((e: unknown) => e);
    expect((noKeys as Error).message).toContain(
      'database.password: is encrypted but no keyring is configured (set STRATA_KEYS or STRATA_KEY_FILE)',
    );
  });

  it('lets the secret policy tell encrypted from plain-text file values', async () => {
    const plain = await loadConfig(
      { sections: [DatabaseConfig], sources: [fixedSource('file', { 'database.password': 'plain-text' })] },
      { keyring },
    ).catch((e: unknown) => e);
    expect((plain as Error).message).toContain(
      'database.password: is a secret and may only come from encrypted, vault, not plain text from file',
    );
    expect((plain as Error).message).not.toContain('plain-text');
  });
});

describe('the strata-mac file entry', () => {
  @Section('api')
  class ApiConfig {
    @Secret() @IsString() key!: string;
    @Secret() @IsString() other!: string;
  }
  const encrypted = {
    'api.key': encryptValue({ value: 'key-secret', path: 'api.key', keyring }),
    'api.other': encryptValue({ value: 'other-secret', path: 'api.other', keyring }),
  };
  const mac = computeFileMac({
    entries: Object.entries(encrypted).map(([path, envelope]) => ({ path, envelope })),
    keyring,
  });
  /** One file's values as a file source hands them over: `config/default.yaml:line:column` origins. */
  const fileLayer = (values: Record<string, string>) => ({
    name: 'file',
    async load() {
      const builder = new LayerBuilder({ source: 'file' });
      Object.entries(values).forEach(([key, value], i) => {
        builder.set(key.split('.'), value, { source: 'file', locator: `config/default.yaml:${i + 1}:3` });
      });
      return builder.build();
    },
  });

  it('passes an unchanged file and is not an unknown key', async () => {
    const config = await loadConfig(
      { sections: [ApiConfig], sources: [fileLayer({ ...encrypted, [FILE_MAC_KEY]: mac })] },
      { keyring },
    );
    expect(config.get(ApiConfig).key).toBe('key-secret');
    expect(config.warnings).toEqual([]);
  });

  it('refuses a file whose encrypted values were removed or re-encrypted since the MAC was written', async () => {
    const removed = { 'api.key': encrypted['api.key'], [FILE_MAC_KEY]: mac };
    const reencrypted = {
      ...encrypted,
      'api.key': encryptValue({ value: 'key-secret', path: 'api.key', keyring }),
      [FILE_MAC_KEY]: mac,
    };
    for (const values of [removed, reencrypted]) {
      const error = await loadConfig(
        { sections: [ApiConfig], sources: [fileLayer(values)] },
        { keyring },
      ).catch((e: unknown) => e);
      expect(StrataError.is(error, 'DECRYPTION_FAILED')).toBe(true);
      expect((error as Error).message).toContain('File MAC check failed for config/default.yaml');
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('needs a keyring to check it', async () => {
    const error = await loadConfig(
      { sections: [ApiConfig], sources: [fileLayer({ ...encrypted, [FILE_MAC_KEY]: mac })] },
      { env: {} },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'config/default.yaml has a "strata-mac" but no keyring is configured',
    );
  });
});
