import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, type ConfigDefinition, type LoadOptions, loadConfig } from '@strata/core';
import { fileSource } from '@strata/file';
import type { FixtureSpec, SectionSpec } from '../fixtures/fixture-spec.js';
import { FIXTURES_ROOT } from '../fixtures/fixture-paths.js';
import { yamlText } from '../fixtures/yaml-text.js';
import { strataClasses } from '../libs/strata.js';
import { type Summary, summarize } from './stats.js';
import { setLeaf } from '../fixtures/two-level-tree.js';

/** Decryption of encrypted values, or why it could not be measured. */
export type DecryptionResult =
  | { readonly available: false; readonly reason: string }
  | {
      readonly available: true;
      readonly values: number;
      /** `decryptValue` on each envelope, whole batch. */
      readonly decryptAllMs: Summary;
      /** loadConfig of a file whose every value is an `enc:v1:` envelope. */
      readonly encryptedLoadMs: Summary;
      /** The same file with the plaintext values. */
      readonly plainLoadMs: Summary;
    };

type SecretValue = string | number | boolean;
interface SecretsApi {
  generateKey(id?: string): { line: string };
  parseKeyring(text: string): unknown;
  encryptValue(options: { value: SecretValue; path: string; keyring: unknown }): string;
  decryptValue(options: { envelope: string; path: string; keyring: unknown }): SecretValue;
}

/**
 * Measured only when `@strata/core/secrets` exports the secrets API (`generateKey`, `parseKeyring`,
 * `encryptValue`, `decryptValue`); otherwise reports "not available" instead of a number.
 *
 * The fixture has the spec's sections with every key a string (so the plain and the encrypted file have the
 * same YAML shape: quoted scalars only, and the difference is decryption): one file with `size` values in
 * plain text, one with every value encrypted for its path, loaded with `fileSource({ file })` alone.
 */
export async function measureDecryption(
  spec: FixtureSpec,
  samples: number,
  gcBeforeSample: boolean,
): Promise<DecryptionResult> {
  const core = (await import('@strata/core/secrets')) as unknown as Partial<SecretsApi>;
  const { generateKey, parseKeyring, encryptValue, decryptValue } = core;
  if (!generateKey || !parseKeyring || !encryptValue || !decryptValue) {
    return {
      available: false,
      reason: '@strata/core/secrets does not export generateKey/parseKeyring/encryptValue/decryptValue',
    };
  }
  const keyring = parseKeyring(generateKey('bench').line);
  const sections: SectionSpec[] = spec.sections.map((section) => ({
    name: section.name,
    fields: section.fields.map((field) => ({ key: field.key, kind: 'string', minLength: 1, maxLength: 64 })),
  }));
  const plain: Record<string, Record<string, string>> = {};
  const encrypted: Record<string, Record<string, string>> = {};
  const envelopes: { envelope: string; path: string }[] = [];
  for (const section of sections) {
    for (const field of section.fields) {
      const path = `${section.name}.${field.key}`;
      const value = `secret-${section.name}-${field.key}`;
      const envelope = encryptValue({ value, path, keyring });
      setLeaf(plain, section.name, field.key, value);
      setLeaf(encrypted, section.name, field.key, envelope);
      envelopes.push({ envelope, path });
    }
  }
  const decryptAll: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    const t0 = performance.now();
    for (const { envelope, path } of envelopes) decryptValue({ envelope, path, keyring });
    if (i >= 2) decryptAll.push(performance.now() - t0);
  }

  const dir = join(FIXTURES_ROOT, `decrypt-${spec.size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'plain.yaml'), yamlText(plain));
  writeFileSync(join(dir, 'encrypted.yaml'), yamlText(encrypted));
  const classes = strataClasses(sections);
  const first = sections[0]!;
  // The keyring comes from the feature-detected API, typed `unknown` here.
  const options = { env: {}, cwd: dir, keyring } as unknown as LoadOptions;
  const expected = plain[first.name]![first.fields[0]!.key];
  const once = async (file: string): Promise<number> => {
    if (gcBeforeSample) globalThis.gc?.();
    const definition: ConfigDefinition = { sections: [...classes], sources: [fileSource({ file })] };
    const t0 = performance.now();
    const config: Config = await loadConfig(definition, options);
    const ms = performance.now() - t0;
    const value = (config.get(classes[0]!) as Record<string, unknown>)[first.fields[0]!.key];
    await config.close();
    if (value !== expected) throw new Error(`${file}: read ${String(value)} instead of the plaintext`);
    return ms;
  };
  // The two files alternate, so a slow moment of the machine hits both.
  const encryptedLoads: number[] = [];
  const plainLoads: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    const e = await once('encrypted.yaml');
    const p = await once('plain.yaml');
    if (i < 2) continue;
    encryptedLoads.push(e);
    plainLoads.push(p);
  }
  return {
    available: true,
    values: envelopes.length,
    decryptAllMs: summarize(decryptAll),
    encryptedLoadMs: summarize(encryptedLoads),
    plainLoadMs: summarize(plainLoads),
  };
}
