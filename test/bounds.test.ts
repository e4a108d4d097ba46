import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { type Config, type ConfigSource, type InputLimits, type LeafValue, StrataError } from '@strata/core';
import { propertiesSource } from '@strata-examples/plugin-properties';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@strata-internal/test-support';
import { type FleetRoute, fleetStoreSource, startFleetRoute } from './support/fleet-route.js';
import { assertBuilt } from '@strata-internal/test-support/cli';
import { cliProject, cliRouteRows } from './support/cli-input-routes.js';
import {
  argvSource,
  dotenvSource,
  envSource,
  fileRoutes,
  fileSource,
  loadWith,
  overrideWith,
  removeScratch,
  scratch,
  serialise,
  writeInput,
} from './support/input-routes.js';

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
  }>;
}

/** Loads a route's delivery: its sources, then its runtime override when it has one. */
async function run(delivery: Awaited<ReturnType<Route['deliver']>>): Promise<Config | Error> {
  const { override } = delivery;
  return override ? overrideWith(dir, override) : loadWith(dir, delivery.sources, delivery);
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
];

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
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

  it('a file over 10 MiB is refused before it is parsed', async () => {
    await writeInput(dir, 'config/default.yaml', `app:\n  name: ${'z'.repeat(11 * 1024 * 1024)}\n`);
    const error = await loadWith(dir, [fileSource({ dir: 'config' })]);
    expect(StrataError.is(error, 'INPUT_LIMIT')).toBe(true);
    expect((error as Error).message).toMatch(
      /^config\/default\.yaml is larger than the limit of 10485760 bytes/,
    );
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
