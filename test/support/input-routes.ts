import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Config,
  type ConfigSource,
  type LeafValue,
  loadConfig,
  ScopeError,
  type ScopedSource,
  type ScopeValues,
  type ScopeView,
  Section,
} from '@strata/core';
import { layerFromTree } from '@strata/core/source';
import { argvSource, dotenvSource, envSource } from '@strata/env';
import { fileSource, scopedFileSource } from '@strata/file';
import { IsOptional } from 'class-validator';

/**
 * The routes by which input reaches Strata, for the cross-package input suites (pollution, bounds, malformed).
 * A new source package adds a row here and every suite runs against it.
 */

/** The schema every route loads into: a section with a string, an object field and a list field. */
@Section('app')
export class InputApp {
  @IsOptional() name = 'default';
  @IsOptional() obj: Record<string, unknown> = {};
  @IsOptional() list: unknown[] = [];
}

/** A temporary directory, removed by {@link removeScratch}. */
export async function scratch(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'strata-input-'));
}

export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Loads `sources` in `cwd` with the input schema; resolves with the config or the error it failed with. */
export async function loadWith(
  cwd: string,
  sources: ConfigSource[],
  extra: { env?: Record<string, string>; argv?: string[]; warnings?: string[] } = {},
): Promise<Config | Error> {
  const warnings = extra.warnings ?? [];
  const config = await loadConfig(
    { sections: [InputApp], sources },
    {
      cwd,
      env: extra.env ?? {},
      argv: extra.argv ?? [],
      environment: 'test',
      logger: { debug() {}, info() {}, warn: (message) => warnings.push(message), error() {} },
    },
  ).catch((error: unknown) => error as Error);
  if (!(config instanceof Error)) await config.close();
  return config;
}

/**
 * The runtime-override route: loads the input schema with no source, then hands the running configuration to
 * `change` (a `config.overrides` call); resolves with the configuration or the error the call failed with.
 * Unlike the source routes, its input arrives after start-up, through the reload transaction.
 */
export async function overrideWith(
  cwd: string,
  change: (config: Config) => Promise<unknown>,
  extra: { warnings?: string[] } = {},
): Promise<Config | Error> {
  const warnings = extra.warnings ?? [];
  const config = await loadConfig(
    { sections: [InputApp], sources: [] },
    {
      cwd,
      env: {},
      argv: [],
      environment: 'test',
      logger: { debug() {}, info() {}, warn: (message) => warnings.push(message), error() {} },
    },
  );
  try {
    await change(config);
    return config;
  } catch (error) {
    return error as Error;
  } finally {
    await config.close();
  }
}

/**
 * The scope route: loads the input schema with no service source and `scoped` as its scopes' sources, then asks
 * for `scope`; resolves with the view or the error. Whatever that scope does, the configuration must carry on:
 * another tenant's view still builds afterwards (this throws when it does not), which every row checks.
 */
export async function scopeWith(
  cwd: string,
  scoped: readonly ScopedSource[],
  scope: ScopeValues = { tenant: 'acme' },
  extra: { warnings?: string[] } = {},
): Promise<ScopeView | Error> {
  const warnings = extra.warnings ?? [];
  const config = await loadConfig(
    { sections: [InputApp], sources: [], scopes: { sources: scoped } },
    {
      cwd,
      env: {},
      argv: [],
      environment: 'test',
      logger: { debug() {}, info() {}, warn: (message) => warnings.push(message), error() {} },
    },
  );
  try {
    const result = await config.scope(scope).catch((error: unknown) => error as Error);
    const other = await config.scope({ tenant: 'unaffected' });
    if (other.get(InputApp).name !== 'default') throw new Error('another scope was affected');
    return result;
  } finally {
    await config.close();
  }
}

/**
 * The cause of a scope's failure, after checking it is a `ScopeError` naming the tenant: the input suites
 * then hold a scope route to the same expectations (code, file:line) as the service's routes.
 */
export function scopeCause(result: ScopeView | Config | Error, tenant = 'acme'): ScopeView | Config | Error {
  if (!(result instanceof Error)) return result;
  if (!ScopeError.is(result)) throw new Error(`expected a ScopeError, got ${String(result)}`);
  if (!result.message.includes(`tenant ${JSON.stringify(tenant)}`)) {
    throw new Error(`the ScopeError does not name tenant ${tenant}: ${result.message}`);
  }
  return result.cause as Error;
}

/** A file format a file route writes. */
export type FileFormat = 'yaml' | 'json' | 'toml';

/** Serialises a tree in a format (block YAML, JSON, TOML with inline tables). */
export function serialise(tree: Record<string, LeafValue>, format: FileFormat): string {
  if (format === 'json') return `${JSON.stringify(tree, null, 2)}\n`;
  if (format === 'toml') {
    return Object.keys(tree)
      .map((key) => `${JSON.stringify(key)} = ${tomlValue(tree[key] as LeafValue)}\n`)
      .join('');
  }
  return yamlBlock(tree, 0);
}

function tomlValue(value: LeafValue): string {
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const body = Object.keys(value)
      .map(
        (key) =>
          `${JSON.stringify(key)} = ${tomlValue((value as Record<string, LeafValue>)[key] as LeafValue)}`,
      )
      .join(', ');
    return `{ ${body} }`;
  }
  return JSON.stringify(value);
}

function yamlBlock(tree: Record<string, LeafValue>, indent: number): string {
  const pad = ' '.repeat(indent);
  return Object.keys(tree)
    .map((key) => {
      const value = tree[key] as LeafValue;
      const name = JSON.stringify(key);
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
        return `${pad}${name}:\n${yamlBlock(value as Record<string, LeafValue>, indent + 2)}`;
      }
      // Lists and scalars in flow style: JSON is YAML.
      return `${pad}${name}: ${JSON.stringify(value)}\n`;
    })
    .join('');
}

/** A source from each route, given the file it wrote (file routes) or nothing. */
export const fileRoutes: readonly { readonly format: FileFormat; readonly file: string }[] = [
  { format: 'yaml', file: 'config/default.yaml' },
  { format: 'json', file: 'config/default.json' },
  { format: 'toml', file: 'config/default.toml' },
];

/** Writes `text` at `file` under `dir` (creating `config/`). */
export async function writeInput(dir: string, file: string, text: string | Buffer): Promise<string> {
  const full = path.join(dir, file);
  await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(full), { recursive: true }));
  await writeFile(full, text);
  return full;
}

export { argvSource, dotenvSource, envSource, fileSource, layerFromTree, scopedFileSource };
