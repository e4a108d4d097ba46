// biome-ignore-all lint/suspicious/noTemplateCurlyInString: some strings here are Strata ${…} templates, not JavaScript ones.
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  type Config,
  type ConfigSource,
  type InputLimits,
  type LeafValue,
  type ScopedSource,
  type ScopeView,
  loadConfig,
  StrataError,
} from '@strata/core';
import { createFlags, FLAG_LIMITS } from '@strata/flags';
import { propertiesSource } from '@strata-examples/plugin-properties';
import { secretsManagerSource } from '@strata/aws-secrets';
import { mountedDirSource } from '@strata/file';
import {
  type SecretsManagerTestServer,
  startSecretsManagerTestServer,
} from '@strata-internal/test-support/secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@strata-internal/test-support';
import { type FleetRoute, fleetStoreSource, startFleetRoute } from './support/fleet-route.js';
import { assertBuilt } from '@strata-internal/test-support/cli';
import { cliProject, cliRouteRows } from './support/cli-input-routes.js';
import { httpBodyRoutes, httpWrite } from './support/http-routes.js';
import { explainWithContext, FlagInput, loadFlagsWith } from './support/flag-routes.js';
import {
  argvSource,
  dotenvSource,
  envSource,
  fileRoutes,
  fileSource,
  loadWith,
  overrideWith,
  removeScratch,
  scopeCause,
  scopedFileSource,
  scopeWith,
  scratch,
  serialise,
  writeInput,
} from './support/input-routes.js';
import { closeVaultBodyServers, leaseBody, vaultLeaseRoute } from './support/vault-input-routes.js';
import { vaultSource } from '@strata/vault';

// Every parser × every limit: the error names the input (file or variable), the limit and how to raise it,
// and raising the limit through the route's own option lets the same input load. A new source adds a row.

type Limit = keyof InputLimits;

/** A small limit and a tree just past it, per limit. */
const shapes: Readonly<Record<Limit, { readonly max: number; tree(): Record<string, LeafValue> }>> = {
  maxBytes: { max: 2_000, tree: () => ({ app: { name: 'x'.repeat(4_000) } }) },
  maxKeys: {
    max: 50,
    tree: () => ({ app: { obj: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i])) } }),
  },
  maxDepth: { max: 8, tree: () => ({ app: { obj: nested(12, 'leaf') } }) },
  maxStringLength: { max: 100, tree: () => ({ app: { name: 'y'.repeat(150) } }) },
};

function nested(depth: number, leaf: LeafValue): LeafValue {
  let node: LeafValue = leaf;
  for (let i = 0; i < depth; i++) node = { a: node };
  return node;
}

const limits = Object.keys(shapes) as Limit[];

/** How a route delivers a tree within (or past) `limits`. */
interface Route {
  readonly name: string;
  /** The option name that raises a limit on this route (named in the message). */
  readonly raise: RegExp;
  /** What the message names: the file or the variable. */
  readonly names: RegExp;
  /** Errors are INPUT_LIMIT (whole input refused) or CONFIG_INVALID (a value refused, naming its variable). */
  code(limit: Limit): 'INPUT_LIMIT' | 'CONFIG_INVALID';
  /** The limits that apply to this route. @default every limit */
  readonly limits?: readonly Limit[];
  deliver(
    dir: string,
    tree: Record<string, LeafValue>,
    limits: Partial<InputLimits>,
  ): Promise<{
    sources: ConfigSource[];
    env?: Record<string, string>;
    argv?: string[];
    /** A runtime override made after start-up, for the override route. */
    override?: (config: Config) => Promise<unknown>;
    /** Scoped sources, for the scope routes (the input arrives through `config.scope({ tenant: 'acme' })`). */
    scoped?: readonly ScopedSource[];
  }>;
}

/** Loads a route's delivery: its sources, then its runtime override when it has one. */
async function run(delivery: Awaited<ReturnType<Route['deliver']>>): Promise<Config | ScopeView | Error> {
  const { override, scoped } = delivery;
  if (scoped) return scopeCause(await scopeWith(dir, scoped));
  return override ? overrideWith(dir, override) : loadWith(dir, delivery.sources, delivery);
}

/** One Secrets Manager test server for the Secrets Manager row, a secret of its own per case. */
let secretsServer: SecretsManagerTestServer | undefined;
let secretCount = 0;
afterAll(() => secretsServer?.stop());

/** Every leaf of a tree with its dotted path (a mounted directory's file names with '.' nesting). */
function dottedLeaves(tree: Record<string, LeafValue>, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? dottedLeaves(value as Record<string, LeafValue>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}

const routes: readonly Route[] = [
  ...fileRoutes.map(
    ({ format, file }): Route => ({
      name: `${format} file`,
      raise: /fileSource\(/,
      names: new RegExp(file.replace('.', '\\.')),
      code: () => 'INPUT_LIMIT',
      async deliver(dir, tree, limits) {
        await writeInput(dir, file, serialise(tree, format));
        return { sources: [fileSource({ dir: 'config', limits })] };
      },
    }),
  ),
  ...fileRoutes.map(
    ({ format }): Route => ({
      name: `${format} tenant file (config.scope)`,
      raise: /fileSource\(/,
      names: new RegExp(`config/tenants/acme\\.${format}`),
      code: () => 'INPUT_LIMIT',
      async deliver(dir, tree, limits) {
        await writeInput(dir, `config/tenants/acme.${format}`, serialise(tree, format));
        const file = `config/tenants/{tenant}.${format}`;
        return { sources: [], scoped: [scopedFileSource({ level: 'tenant', file, limits })] };
      },
    }),
  ),
  {
    name: '.env file',
    raise: /dotenvSource\(|limits: \{ max\w+: … \}/,
    names: /\.env/,
    // Keys and nesting past a limit live in the JSON text of one variable: that value is refused.
    code: (limit) => (limit === 'maxKeys' || limit === 'maxDepth' ? 'CONFIG_INVALID' : 'INPUT_LIMIT'),
    async deliver(dir, tree, limits) {
      const app = tree.app as Record<string, LeafValue>;
      const lines = Object.entries(app).map(([key, value]) =>
        typeof value === 'string'
          ? `APP_APP__${key.toUpperCase()}=${value}`
          : `APP_APP__${key.toUpperCase()}='${JSON.stringify(value)}'`,
      );
      await writeInput(dir, '.env', `${lines.join('\n')}\n`);
      return { sources: [dotenvSource({ prefix: 'APP_', limits })] };
    },
  },
  {
    name: 'JSON text in an env variable',
    raise: /limits: \{ max\w+: … \}/,
    names: /APP_APP__OBJ/,
    code: () => 'CONFIG_INVALID',
    async deliver(_dir, tree, limits) {
      const obj = (tree.app as Record<string, LeafValue>).obj ?? {
        name: (tree.app as Record<string, LeafValue>).name,
      };
      return {
        sources: [envSource({ prefix: 'APP_', limits })],
        env: { APP_APP__OBJ: JSON.stringify(obj) },
      };
    },
  },
  {
    name: 'JSON text in a flag',
    raise: /limits: \{ max\w+: … \}/,
    names: /--app\.obj/,
    code: () => 'CONFIG_INVALID',
    async deliver(_dir, tree, limits) {
      const obj = (tree.app as Record<string, LeafValue>).obj ?? {
        name: (tree.app as Record<string, LeafValue>).name,
      };
      return { sources: [argvSource({ limits })], argv: [`--app.obj=${JSON.stringify(obj)}`] };
    },
  },
  {
    name: 'template (${file:…} references in a file value)',
    raise: /fileSource\(/,
    names: /the value of app\.name built from its template \(file config\/default\.yaml:2/,
    code: () => 'INPUT_LIMIT',
    // The expansion's own bounds: its length, and the depth of references (a row below); the referenced
    // file's bytes are the file reader's.
    limits: ['maxStringLength'],
    async deliver(dir, tree, limits) {
      const name = String((tree.app as Record<string, LeafValue>).name);
      // Two halves: the template and each half are within the limit, the expansion is not.
      await writeInput(dir, 'config/half.txt', name.slice(0, Math.ceil(name.length / 2)));
      await writeInput(dir, 'config/default.yaml', 'app:\n  name: "${file:half.txt}${file:half.txt}"\n');
      return { sources: [fileSource({ dir: 'config', limits })] };
    },
  },
  {
    name: 'Vault lease response (vaultDynamicSource)',
    raise: /vaultDynamicSource\(/,
    names: /Vault's answer to GET \/v1\/database\/creds\/app/,
    code: () => 'INPUT_LIMIT',
    async deliver(_dir, tree, limits) {
      return { sources: [await vaultLeaseRoute(leaseBody(tree), limits)] };
    },
  },
  {
    name: 'Secrets Manager JSON secret',
    raise: /secretsManagerSource\(/,
    names: /secret bounds\/\d+/,
    code: () => 'INPUT_LIMIT',
    async deliver(_dir, tree, limits) {
      secretsServer ??= await startSecretsManagerTestServer();
      const id = `bounds/${++secretCount}`;
      secretsServer.create(id, JSON.stringify(tree));
      const clientOptions = { ...secretsServer.clientOptions, maxAttempts: 1 };
      return { sources: [secretsManagerSource({ secrets: [id], clientOptions, limits })] };
    },
  },
  {
    name: 'mounted directory',
    raise: /mountedDirSource\(/,
    names: /mounted/,
    code: () => 'INPUT_LIMIT',
    async deliver(dir, tree, limits) {
      // One file per leaf, named by its dotted path: keys are files, nesting is name parts.
      for (const [name, value] of dottedLeaves(tree)) await writeInput(dir, `mounted/${name}`, value);
      return { sources: [mountedDirSource({ dir: 'mounted', nesting: '.', limits })] };
    },
  },
  {
    name: 'runtime override (config.overrides.set)',
    raise: /config\.overrides\.set\(\{ …, limits: \{ max\w+: … \} \}\)/,
    names: /^override values /,
    code: () => 'INPUT_LIMIT',
    // A value handed over in memory has no bytes to count; keys, nesting and string lengths do apply.
    limits: ['maxKeys', 'maxDepth', 'maxStringLength'],
    async deliver(_dir, tree, limits) {
      return { sources: [], override: (config) => config.overrides.set(tree, { limits }) };
    },
  },
  // @strata/http request bodies: the body reader counts bytes while reading and the shape before and after
  // parsing; the handler's `limits` raises them. One row per body route.
  ...httpBodyRoutes.map(
    (route): Route => ({
      name: route.name,
      raise: /createStrataHandler\(\{ …, limits: \{ max\w+: … \} \}\)/,
      names: /^request body /,
      code: () => 'INPUT_LIMIT',
      async deliver(_dir, tree, limits) {
        // Rollback's body takes only a generation: the tree goes in beside it all the same, since the
        // limits are checked before the fields are.
        const sized = route.path === '/rollback' ? { generation: 1, pad: tree } : route.body(tree);
        return {
          sources: [],
          override: (config) =>
            httpWrite(config, route, sized, { limits }).catch((error: unknown) => {
              // Within the limits, rollback's extra field is refused as unknown: that is past the bounds.
              if (StrataError.is(error) && /Unknown field/.test(error.message)) return undefined;
              throw error;
            }),
        };
      },
    }),
  ),
];

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
  await closeVaultBodyServers();
});

describe('bounds: every route × every limit', () => {
  const cases = routes.flatMap((route) =>
    (route.limits ?? limits).map((limit) => [route.name, limit, route] as const),
  );

  it.each(cases)(
    '%s past %s is refused, naming the input, the limit and the option',
    async (_name, limit, route) => {
      const shape = shapes[limit];
      // JSON text in env/flags: the byte limit counts the text, which here is the whole tree's `obj`.
      const delivery = await route.deliver(dir, shape.tree(), { [limit]: shape.max });
      const result = await run(delivery);
      expect(result).toBeInstanceOf(Error);
      const error = result as Error;
      expect(StrataError.is(error, route.code(limit)), error.message).toBe(true);
      expect(error.message).toMatch(route.names);
      expect(error.message).toContain(`limits.${limit}`);
      expect(error.message).toMatch(route.raise);
    },
  );

  it.each(cases)('%s within a raised %s loads', async (_name, limit, route) => {
    const shape = shapes[limit];
    const delivery = await route.deliver(dir, shape.tree(), { [limit]: shape.max * 100 });
    const result = await run(delivery);
    expect(result instanceof Error ? result.message : 'loaded').toBe('loaded');
  });
});

describe('bounds: the default limits stop what used to hang or overflow', () => {
  const deep = 10_000;
  const texts: readonly [string, string, string][] = [
    ['json', 'config/default.json', `{"app":{"obj":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}}}`],
    ['yaml (flow)', 'config/default.yaml', `app:\n  obj: ${'{"a": '.repeat(deep)}1${'}'.repeat(deep)}\n`],
    ['yaml (block, 1,500 levels)', 'config/default.yaml', blockYaml(1_500)],
    ['toml', 'config/default.toml', `[app]\nobj = ${'{ a = '.repeat(deep)}1${' }'.repeat(deep)}\n`],
  ];

  it.each(texts)('%s nested %s deep ends in maxDepth naming the file', async (_name, file, text) => {
    await writeInput(dir, file, text);
    const error = await loadWith(dir, [fileSource({ dir: 'config' })]);
    expect(StrataError.is(error, 'INPUT_LIMIT'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${file.replace('.', '\\.')} nests deeper than the limit of 64 levels \\(limits\\.maxDepth\\)`,
      ),
    );
  });

  it('10,000-deep JSON text in an env variable is an invalid value naming the variable and maxDepth', async () => {
    const text = `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`;
    const error = await loadWith(dir, [envSource({ prefix: 'APP_' })], { env: { APP_APP__OBJ: text } });
    expect(StrataError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/APP_APP__OBJ/);
    expect((error as Error).message).toMatch(/limits\.maxDepth/);
  });

  it('a 10,000-deep or cyclic runtime override ends in maxDepth, not a stack overflow', async () => {
    const cyclic: { [key: string]: LeafValue } = {};
    cyclic.self = cyclic;
    const list: LeafValue[] = [];
    let item = list;
    for (let i = 0; i < deep; i++) {
      const inner: LeafValue[] = [];
      item.push(inner);
      item = inner;
    }
    for (const value of [nested(deep, 1), cyclic, list]) {
      const error = await overrideWith(dir, (config) => config.overrides.set('app.obj', value));
      expect(StrataError.is(error, 'INPUT_LIMIT'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /^override app\.obj nests deeper than the limit of 64 levels \(limits\.maxDepth\)/,
      );
    }
  });

  it('a template repeating a large variable ends in maxStringLength, naming the template (the chain-depth bound is in core)', async () => {
    // 200 × 10,000 characters: past the 1 MiB default, stopped while expanding rather than after.
    const bomb = ['app:', `  name: "${'${env:A}'.repeat(200)}"`].join('\n');
    await writeInput(dir, 'config/default.yaml', `${bomb}\n`);
    const error = await loadWith(dir, [fileSource({ dir: 'config' })], { env: { A: 'a'.repeat(10_000) } });
    expect(StrataError.is(error, 'INPUT_LIMIT'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^the value of app\.name built from its template \(file config\/default\.yaml:2:\d+\) holds a key or string longer than the limit of 1048576 characters \(limits\.maxStringLength\)/,
    );
  });

  it('a file over 10 MiB is refused before it is parsed', async () => {
    await writeInput(dir, 'config/default.yaml', `app:\n  name: ${'z'.repeat(11 * 1024 * 1024)}\n`);
    const error = await loadWith(dir, [fileSource({ dir: 'config' })]);
    expect(StrataError.is(error, 'INPUT_LIMIT')).toBe(true);
    expect((error as Error).message).toMatch(
      /^config\/default\.yaml is larger than the limit of 10485760 bytes/,
    );
  });
});

describe('bounds: scope values', () => {
  /** A scoped source that counts the per-scope sources alive (made and not yet disposed). */
  function counting(): { scoped: ScopedSource; alive: () => number; made: () => number } {
    let made = 0;
    let disposed = 0;
    const scoped: ScopedSource = {
      name: 'tenants',
      level: 'tenant',
      forScope: () => {
        made++;
        return {
          name: 'tenants',
          load: async () => ({ source: 'tenants', entries: [], textual: false, warnings: [] }),
          dispose: async () => {
            disposed++;
          },
        };
      },
    };
    return { scoped, alive: () => made - disposed, made: () => made };
  }

  it('a tenant id past 128 characters is refused before any source is made', async () => {
    const { scoped, made } = counting();
    const result = await scopeWith(dir, [scoped], { tenant: 't'.repeat(10_000) });
    expect(StrataError.is(result, 'SCOPE_INVALID'), String(result)).toBe(true);
    expect((result as Error).message).toMatch(/longer than 128 characters/);
    expect((result as Error).message.length).toBeLessThan(400);
    expect(made()).toBe(1); // the unaffected tenant's
  });

  it('2,000 distinct tenants keep at most cacheSize scopes (and their sources) alive', async () => {
    const { loadConfig } = await import('@strata/core');
    const { InputApp } = await import('./support/input-routes.js');
    const { scoped, alive, made } = counting();
    const config = await loadConfig(
      { sections: [InputApp], sources: [], scopes: { sources: [scoped], cacheSize: 16 } },
      { cwd: dir, env: {}, argv: [] },
    );
    for (let i = 0; i < 2_000; i++) await config.scope({ tenant: `t-${i}` });
    await new Promise((resolve) => setImmediate(resolve)); // disposals are asynchronous
    expect(made()).toBe(2_000);
    expect(alive()).toBe(16);
    await config.close();
    expect(alive()).toBe(0);
  });
});

function blockYaml(depth: number): string {
  const lines = ['app:', ' obj:'];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i + 2)}a:`);
  lines.push(`${' '.repeat(depth + 2)}b: 1`);
  return `${lines.join('\n')}\n`;
}

describe('bounds: special files', () => {
  const fileRows = [
    [
      'profile file',
      'config/default.yaml',
      () => fileSource({ dir: 'config' }),
      /Source "file": config\/default\.yaml is not a regular file/,
    ],
    [
      'single file',
      'config/default.yaml',
      () => fileSource({ file: 'config/default.yaml' }),
      /config\/default\.yaml is not a regular file/,
    ],
    [
      'discovered file',
      '.myapprc.yaml',
      () => fileSource({ discover: { name: 'myapp' } }),
      /\.myapprc\.yaml is not a regular file/,
    ],
    [
      '.env file',
      '.env',
      () => dotenvSource({ prefix: 'APP_' }),
      /Source "dotenv": \.env is not a regular file/,
    ],
    [
      'plugin file (examples/plugin-properties)',
      'app.properties',
      () => propertiesSource({ file: 'app.properties' }),
      /app\.properties is not a regular file/,
    ],
  ] as const;
  const targets = [
    ['/dev/zero', 'a character device'],
    ['/dev/urandom', 'a character device'],
  ] as const;

  it.each(
    fileRows.flatMap(([route, file, source, message]) =>
      targets.map(([target, kind]) => [route, target, file, source, message, kind] as const),
    ),
  )('%s linked to %s is refused at once', async (_route, target, file, source, message, kind) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await symlink(target, path.join(dir, file));
    const error = await loadWith(dir, [source()]);
    expect(StrataError.is(error, 'SOURCE_FAILED'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(kind);
  });

  it.each(fileRows)(
    '%s linked to a FIFO is refused without waiting for a writer',
    async (_route, file, source, message) => {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      execFileSync('mkfifo', [path.join(dir, 'fifo')]);
      await symlink(path.join(dir, 'fifo'), path.join(dir, file));
      const error = await loadWith(dir, [source()]);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain('a FIFO');
    },
  );

  it.each(fileRows.filter(([route]) => route !== 'discovered file'))(
    '%s: the byte limit holds while reading a file whose size says 0 (/proc)',
    async (route, file) => {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await symlink('/proc/self/status', path.join(dir, file));
      const source =
        route === '.env file'
          ? dotenvSource({ prefix: 'APP_', limits: { maxBytes: 64 } })
          : route.startsWith('plugin file')
            ? propertiesSource({ file, limits: { maxBytes: 64 } })
            : route === 'single file'
              ? fileSource({ file, limits: { maxBytes: 64 } })
              : fileSource({ dir: 'config', limits: { maxBytes: 64 } });
      const error = await loadWith(dir, [source]);
      expect(StrataError.is(error, 'INPUT_LIMIT'), String(error)).toBe(true);
      expect((error as Error).message).toContain('limits.maxBytes');
    },
  );

  it.each([
    ['profile file', 'config/default.yaml', () => fileSource({ dir: 'config' })],
    ['.env file', '.env', () => dotenvSource({ prefix: 'APP_' })],
  ] as const)('a dangling %s link is a warning naming it, not silence', async (_route, file, source) => {
    await mkdir(path.join(dir, 'config'), { recursive: true });
    await symlink(path.join(dir, 'gone.yaml'), path.join(dir, file));
    const warnings: string[] = [];
    const result = await loadWith(dir, [source()], { warnings });
    expect(result).not.toBeInstanceOf(Error);
    expect(warnings.join('\n')).toMatch(
      new RegExp(`${file.replace('.', '\\.')} is a symbolic link to .*gone\\.yaml, which does not exist`),
    );
  });
});

describe('bounds: Vault credential files (token file, JWT file)', () => {
  // Read at every login: a link to a device or a FIFO ends at once, a huge file is refused, and the
  // message names the option and the file, never the content.
  const rows = [
    [
      'auth.tokenFile',
      (file: string) =>
        vaultSource({ auth: { method: 'token', tokenFile: file }, secrets: [{ path: 'secret/app' }] }),
    ],
    [
      'auth.jwtFile',
      (file: string) =>
        vaultSource({
          auth: { method: 'jwt', role: 'app', jwtFile: file },
          secrets: [{ path: 'secret/app' }],
        }),
    ],
  ] as const;
  const env = { VAULT_ADDR: 'http://127.0.0.1:1' };

  it.each(
    rows.flatMap(([option, source]) =>
      ['/dev/zero', 'fifo'].map((target) => [option, target, source] as const),
    ),
  )('%s linked to %s is refused at once', async (option, target, source) => {
    if (target === 'fifo') execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    await symlink(target === 'fifo' ? path.join(dir, 'fifo') : target, path.join(dir, 'credential'));
    const error = await loadWith(dir, [source('credential')], { env });
    expect((error as Error).message).toContain(
      `cannot read ${option} ${path.join(dir, 'credential')} (not a regular file)`,
    );
  });

  it.each(rows)('%s over 1 MiB is refused before it is used', async (option, source) => {
    await writeInput(dir, 'credential', 'x'.repeat(1024 * 1024 + 1));
    const error = await loadWith(dir, [source('credential')], { env });
    expect((error as Error).message).toContain(
      `cannot read ${option} ${path.join(dir, 'credential')} (larger than 1048576 bytes)`,
    );
    expect((error as Error).message).not.toContain('xxxx');
  });
});

describe('bounds: the files strata commands read themselves (secrets, migrate)', () => {
  beforeAll(assertBuilt);
  let project: Awaited<ReturnType<typeof cliProject>> | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });

  it.each(cliRouteRows())(
    '%s: a %s file linked to /dev/zero is refused at once',
    async (_name, format, route) => {
      project = await cliProject(format);
      await symlink('/dev/zero', path.join(project.dir, project.file));
      const result = await route.run(project.dir, project.file);
      expect(result.code, result.stderr).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toMatch(
        new RegExp(`config/default\\.${format} is not a regular file \\(a character device\\)`),
      );
    },
  );

  it.each(cliRouteRows(['json']))(
    '%s: a %s file linked to a FIFO is refused without waiting for a writer',
    async (_name, format, route) => {
      project = await cliProject(format);
      execFileSync('mkfifo', [path.join(project.dir, 'fifo')]);
      await symlink(path.join(project.dir, 'fifo'), path.join(project.dir, project.file));
      const result = await route.run(project.dir, project.file);
      expect(result.code, result.stderr).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toMatch(
        /config\/default\.json is not a regular file \(a FIFO\)/,
      );
    },
  );

  it.each(cliRouteRows(['yaml']))(
    '%s: a %s file over 10 MiB is refused, naming the file and the limit',
    async (_name, format, route) => {
      project = await cliProject(format);
      await writeInput(project.dir, project.file, `app:\n  name: ${'z'.repeat(11 * 1024 * 1024)}\n`);
      const result = await route.run(project.dir, project.file);
      expect(result.code, result.stderr).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toMatch(
        /config\/default\.yaml is larger than the limit of 10485760 bytes \(limits\.maxBytes\)/,
      );
    },
  );

  it.each(cliRouteRows(['json']))(
    '%s: 10,000-deep %s ends in maxDepth naming the file',
    async (_name, format, route) => {
      project = await cliProject(format);
      const deep = 10_000;
      await writeInput(
        project.dir,
        project.file,
        `{"app":{"obj":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}}}`,
      );
      const result = await route.run(project.dir, project.file);
      expect(result.code, result.stderr).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toMatch(
        /config\/default\.json nests deeper than the limit of 64 levels \(limits\.maxDepth\)/,
      );
      expect(result.stderr).not.toMatch(/call stack|parseConfigFile\(/);
    },
  );
});

describe('bounds: discovery with stopDir reads the global config directory within the limits too', () => {
  // cosmiconfig's global search ends in `$XDG_CONFIG_HOME/<name>/config*` (env-paths), read from process.env.
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = path.join(dir, 'xdg');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
  });
  const source = (limits: Partial<InputLimits> = {}) =>
    fileSource({ discover: { name: 'boundsapp', searchFrom: 'project', stopDir: 'project' }, limits });

  it.each([
    ['/dev/zero', 'a character device'],
    ['a FIFO', 'a FIFO'],
  ] as const)('config.yaml linked to %s is refused at once', async (target, kind) => {
    await mkdir(path.join(dir, 'project'), { recursive: true });
    await mkdir(path.join(dir, 'xdg', 'boundsapp'), { recursive: true });
    const link = path.join(dir, 'xdg', 'boundsapp', 'config.yaml');
    if (target === 'a FIFO') {
      execFileSync('mkfifo', [path.join(dir, 'fifo')]);
      await symlink(path.join(dir, 'fifo'), link);
    } else await symlink(target, link);
    const error = await loadWith(dir, [source()]);
    expect(StrataError.is(error, 'SOURCE_FAILED'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/xdg\/boundsapp\/config\.yaml is not a regular file/);
    expect((error as Error).message).toContain(kind);
  });

  it('config (no extension) past maxBytes is refused, naming the file and the limit', async () => {
    await mkdir(path.join(dir, 'project'), { recursive: true });
    await writeInput(dir, 'xdg/boundsapp/config', `app:\n  name: ${'z'.repeat(4_000)}\n`);
    const error = await loadWith(dir, [source({ maxBytes: 2_000 })]);
    expect(StrataError.is(error, 'INPUT_LIMIT'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^xdg\/boundsapp\/config is larger than the limit of 2000 bytes/,
    );
  });

  it("cosmiconfig's meta configuration (.config/config.json in the process's directory) linked to /dev/zero is refused at once", async () => {
    await mkdir(path.join(dir, 'project', '.config'), { recursive: true });
    await symlink('/dev/zero', path.join(dir, 'project', '.config', 'config.json'));
    const previous = process.cwd();
    // cosmiconfig reads its meta configuration from process.cwd(), not from the load's cwd.
    process.chdir(path.join(dir, 'project'));
    try {
      const error = await loadWith(dir, [source()]);
      expect(StrataError.is(error, 'SOURCE_FAILED'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/project\/\.config\/config\.json is not a regular file/);
    } finally {
      process.chdir(previous);
    }
  });

  it('a valid config.json there still loads, through the strict parser (origins with lines)', async () => {
    await mkdir(path.join(dir, 'project'), { recursive: true });
    await writeInput(dir, 'xdg/boundsapp/config.json', '{"app":\n  {"name": "from-xdg"}}\n');
    const config = await loadWith(dir, [source()]);
    expect(config instanceof Error ? config.message : 'loaded').toBe('loaded');
  });
});

describe('bounds: flag rule trees (FLAG_LIMITS) and the --context of strata flags explain', () => {
  const many = (n: number, make: (i: number) => string): string =>
    Array.from({ length: n }, (_, i) => make(i)).join(', ');
  const trees: readonly [string, string, string][] = [
    [
      'rules',
      `{ rules: [${many(FLAG_LIMITS.maxRules + 1, (i) => `{ name: r${i}, value: true }`)}] }`,
      `${FLAG_LIMITS.maxRules + 1} rules, more than the ${FLAG_LIMITS.maxRules} allowed`,
    ],
    [
      'conditions in a rule',
      `{ rules: [{ when: { ${many(FLAG_LIMITS.maxConditions + 1, (i) => `a${i}: 1`)} }, value: true }] }`,
      `${FLAG_LIMITS.maxConditions + 1} conditions, more than the ${FLAG_LIMITS.maxConditions} allowed`,
    ],
    [
      'items of an in list',
      `{ rules: [{ when: { id: [${many(FLAG_LIMITS.maxListItems + 1, (i) => String(i))}] }, value: true }] }`,
      `${FLAG_LIMITS.maxListItems + 1} items, more than the ${FLAG_LIMITS.maxListItems} allowed`,
    ],
    [
      'characters of a regex',
      `{ rules: [{ when: { email: { regex: '${'a'.repeat(FLAG_LIMITS.maxPatternLength + 1)}' } }, value: true }] }`,
      `${FLAG_LIMITS.maxPatternLength + 1} characters, more than the ${FLAG_LIMITS.maxPatternLength} allowed`,
    ],
  ];

  it.each(trees)(
    'too many %s is a validation problem naming the rules key, its file and the limit',
    async (_what, tree, message) => {
      await writeInput(dir, 'config/default.yaml', `flags:\n  onRules: ${tree}\n`);
      const error = await loadFlagsWith(dir, [fileSource({ dir: 'config' })]);
      expect(StrataError.is(error, 'CONFIG_INVALID'), String(error)).toBe(true);
      expect((error as Error).message).toContain('flags.onRules: has invalid rules');
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).toMatch(/config\/default\.yaml:\d+/);
    },
  );

  it('a rule tree nested past maxDepth in a file is refused before validation, naming the file', async () => {
    await writeInput(
      dir,
      'config/default.yaml',
      `flags:\n  onRules: ${'{ a: '.repeat(100)}1${' }'.repeat(100)}\n`,
    );
    const error = await loadFlagsWith(dir, [fileSource({ dir: 'config' })]);
    expect(StrataError.is(error, 'INPUT_LIMIT'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/config\/default\.yaml .*limits\.maxDepth/);
  });

  it(`a regex is never run on a context value longer than ${FLAG_LIMITS.maxTestedLength} characters`, async () => {
    await writeInput(
      dir,
      'config/default.yaml',
      "flags:\n  onRules:\n    rules:\n      - when: { email: { regex: '^(a+)+$' } }\n        value: true\n",
    );
    const config = await loadConfig(
      { sections: [FlagInput], sources: [fileSource({ dir: 'config' })] },
      { cwd: dir, env: {}, argv: [], environment: 'test' },
    );
    try {
      const flags = createFlags(config);
      expect(flags.evaluate('flags.on', { email: 'aaaa' }).value).toBe(true);
      // The pattern backtracks exponentially on this input: it must not be run at all.
      const long = `${'a'.repeat(FLAG_LIMITS.maxTestedLength)}!`;
      expect(flags.evaluate('flags.on', { email: long })).toMatchObject({ value: false, reason: 'DEFAULT' });
    } finally {
      await config.close();
    }
  });

  describe('--context', () => {
    beforeAll(assertBuilt);
    it('nested past maxDepth is refused (exit 2) naming --context and the limit', async () => {
      const result = await explainWithContext(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr).toMatch(
        /--context nests deeper than the limit of 64 levels \(limits\.maxDepth\)/,
      );
    });
  });
});

describe('bounds: the fleet stream', () => {
  let route: FleetRoute;
  beforeAll(async () => {
    route = await startFleetRoute();
  });
  afterAll(async () => {
    await route?.close();
  });

  it.each([
    ['an entry past maxMessageBytes', { v: '1', k: 'k', m: 'x'.repeat(2048), s: '0' }],
    ['an entry with more than the four fields', { v: '1', k: 'k', m: '{}', s: '0', extra: '1' }],
  ])('%s is dropped unread as oversized and counted', async (_name, fields) => {
    const member = await route.member(fleetStoreSource(), {
      fleet: `bounds-${Object.keys(fields).length}`,
      maxMessageBytes: 1024,
    });
    await route.raw.xAdd(member.fleet.transport.keys.stream, '*', fields);
    await waitFor('the drop', () => member.fleet.transport.counters().dropped.oversized === 1);
    expect(member.fleet.transport.counters().accepted).toBe(0);
    expect(member.config.generation).toBe(1);
  });
});
