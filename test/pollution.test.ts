// biome-ignore-all lint/suspicious/noTemplateCurlyInString: some strings here are Strata ${…} templates, not JavaScript ones.
import {
  type Config,
  type ConfigSource,
  type LeafValue,
  type ScopedSource,
  loadConfig,
  StrataError,
} from '@strata/core';
import { sourceContext } from '@strata-internal/test-support';
import { assertBuilt } from '@strata-internal/test-support/cli';
import { randomBytes } from 'node:crypto';
import { secretsManagerSource } from '@strata/aws-secrets';
import { Keyring, KeyringKey } from '@strata/core/secrets';
import { cachedSource } from '@strata/core/source';
import { mountedDirSource } from '@strata/file';
import { createFlags } from '@strata/flags';
import {
  type SecretsManagerTestServer,
  startSecretsManagerTestServer,
} from '@strata-internal/test-support/secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@strata-internal/test-support';
import { type FleetRoute, startFleetRoute } from './support/fleet-route.js';
import { cliProject, cliRouteRows } from './support/cli-input-routes.js';
import { httpBodyRoutes, httpWrite } from './support/http-routes.js';
import { explainWithContext, FlagInput, loadFlagsWith } from './support/flag-routes.js';
import {
  argvSource,
  dotenvSource,
  envSource,
  fileRoutes,
  fileSource,
  layerFromTree,
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

// Every route by which a key reaches Strata refuses `__proto__`, `constructor` and `prototype` at every level
// with UNSAFE_KEY naming where it came from, and nothing is polluted. A new source adds a row to `routes`.

const segments = ['__proto__', 'constructor', 'prototype'] as const;
type Segment = (typeof segments)[number];

/** Where the unsafe key sits: a path of keys above it, or inside an item of the list field. */
const levels: readonly {
  readonly name: string;
  readonly above: readonly string[];
  readonly inList?: true;
}[] = [
  { name: 'top level', above: [] },
  { name: 'in the section', above: ['app'] },
  { name: 'in an object field', above: ['app', 'obj'] },
  { name: 'deep in an object field', above: ['app', 'obj', 'a', 'b'] },
  { name: 'in a list item', above: ['app', 'list'], inList: true },
];

/** The tree `{ above…: { [segment]: { polluted: 'yes' } } }` (or the list item holding it). */
function treeWith(above: readonly string[], segment: Segment, inList = false): Record<string, LeafValue> {
  // JSON.parse: an object literal `{ __proto__: … }` would set the prototype instead of a key.
  let node: LeafValue = JSON.parse(`{${JSON.stringify(segment)}: {"polluted": "yes"}}`) as LeafValue;
  if (inList) node = [node];
  for (const key of [...above].reverse()) node = { [key]: node };
  return node as Record<string, LeafValue>;
}

/** What a route needs to deliver one payload: sources and the process inputs, or a runtime override. */
interface Delivery {
  readonly sources: ConfigSource[];
  /** A runtime override made after start-up (`config.overrides`), for the override routes. */
  readonly override?: (config: Config) => Promise<unknown>;
  /** Scoped sources, for the scope routes: the payload arrives through `config.scope({ tenant: 'acme' })`. */
  readonly scoped?: readonly ScopedSource[];
  readonly env?: Record<string, string>;
  readonly argv?: string[];
  /** What the error's message must name (the file, the variable, the flag). */
  readonly names: RegExp;
}

interface Route {
  readonly name: string;
  /** Prepares the payload in `dir`, or returns undefined when the route cannot spell it (said why below). */
  deliver(
    dir: string,
    above: readonly string[],
    segment: Segment,
    inList: boolean,
  ): Promise<Delivery | undefined>;
}

const envName = (path: readonly string[]): string => `APP_${path.map((s) => s.toUpperCase()).join('__')}`;

/** The JSON text routes: the payload below `app.obj` or `app.list` becomes that field's JSON value. */
function jsonText(
  above: readonly string[],
  segment: Segment,
  inList: boolean,
): { field: string; text: string } | undefined {
  if (above.length < 2) return undefined;
  const [, field, ...rest] = above;
  const tree = treeWith(rest, segment, inList);
  return { field: field as string, text: JSON.stringify(inList ? (tree as unknown as LeafValue[]) : tree) };
}

/** One Secrets Manager test server for every Secrets Manager row, each row with a secret of its own. */
let secretsServer: SecretsManagerTestServer | undefined;
let secretCount = 0;
afterAll(() => secretsServer?.stop());
const cacheKeyring = new Keyring([new KeyringKey('pollution', randomBytes(32))]);

const routes: readonly Route[] = [
  ...fileRoutes.map(
    ({ format, file }): Route => ({
      name: `${format} file`,
      async deliver(dir, above, segment, inList) {
        await writeInput(dir, file, serialise(treeWith(above, segment, inList), format));
        return { sources: [fileSource({ dir: 'config' })], names: new RegExp(file.replace('.', '\\.')) };
      },
    }),
  ),
  ...fileRoutes.map(
    ({ format }): Route => ({
      name: `${format} tenant file (config.scope)`,
      async deliver(dir, above, segment, inList) {
        const file = `config/tenants/acme.${format}`;
        await writeInput(dir, file, serialise(treeWith(above, segment, inList), format));
        const scoped = [scopedFileSource({ level: 'tenant', file: `config/tenants/{tenant}.${format}` })];
        return { sources: [], scoped, names: new RegExp(file.replace('.', '\\.')) };
      },
    }),
  ),
  {
    name: 'yaml merge key',
    async deliver(dir, above, segment, inList) {
      if (inList || above.length === 0) return undefined;
      // The payload arrives through `<<: *base` into the mapping at `above`.
      const base = JSON.stringify(treeWith([], segment));
      const lines = [`base: &base ${base}`];
      for (const [i, key] of above.entries()) lines.push(`${'  '.repeat(i)}${key}:`);
      lines.push(`${'  '.repeat(above.length)}<<: *base`);
      await writeInput(dir, 'config/default.yaml', `${lines.join('\n')}\n`);
      return { sources: [fileSource({ dir: 'config' })], names: /config\/default\.yaml/ };
    },
  },
  {
    name: 'env variable name',
    async deliver(_dir, above, segment, inList) {
      // `__` separates levels, so no variable name spells the segment `__proto__`: the JSON rows cover it.
      if (inList || segment === '__proto__') return undefined;
      const name = envName([...above, segment, 'polluted']);
      return { sources: [envSource({ prefix: 'APP_' })], env: { [name]: 'yes' }, names: new RegExp(name) };
    },
  },
  {
    name: '.env variable name',
    async deliver(dir, above, segment, inList) {
      if (inList || segment === '__proto__') return undefined;
      const name = envName([...above, segment, 'polluted']);
      await writeInput(dir, '.env', `${name}=yes\n`);
      return { sources: [dotenvSource({ prefix: 'APP_' })], names: /\.env:1/ };
    },
  },
  {
    name: 'flag name',
    async deliver(_dir, above, segment, inList) {
      if (inList) return undefined;
      const flag = `--${[...above, segment, 'polluted'].join('.')}`;
      return {
        sources: [argvSource()],
        argv: [`${flag}=yes`],
        names: new RegExp(flag.replace(/\./g, '\\.')),
      };
    },
  },
  {
    name: 'JSON text in an env variable',
    async deliver(_dir, above, segment, inList) {
      const json = jsonText(above, segment, inList);
      if (!json) return undefined;
      const name = envName(['app', json.field]);
      return {
        sources: [envSource({ prefix: 'APP_' })],
        env: { [name]: json.text },
        names: new RegExp(name),
      };
    },
  },
  {
    name: 'JSON text in a .env file',
    async deliver(dir, above, segment, inList) {
      const json = jsonText(above, segment, inList);
      if (!json) return undefined;
      await writeInput(dir, '.env', `${envName(['app', json.field])}='${json.text}'\n`);
      return { sources: [dotenvSource({ prefix: 'APP_' })], names: /\.env:1/ };
    },
  },
  {
    name: 'JSON text in a flag',
    async deliver(_dir, above, segment, inList) {
      const json = jsonText(above, segment, inList);
      if (!json) return undefined;
      return {
        sources: [argvSource()],
        argv: [`--app.${json.field}=${json.text}`],
        names: new RegExp(`--app\\.${json.field}`),
      };
    },
  },
  {
    name: 'template reference (${…} in a file value)',
    async deliver(dir, above, segment, inList) {
      // A reference names a key path; a list item has no path to spell.
      if (inList) return undefined;
      const reference = [...above, segment, 'polluted'].join('.');
      await writeInput(dir, 'config/default.yaml', `app:\n  name: "\${${reference}}"\n`);
      return { sources: [fileSource({ dir: 'config' })], names: /config\/default\.yaml:2/ };
    },
  },
  {
    name: 'Secrets Manager JSON secret',
    async deliver(_dir, above, segment, inList) {
      // A list item that is an object arrives as JSON text: the JSON text rows cover it.
      if (inList) return undefined;
      secretsServer ??= await startSecretsManagerTestServer();
      const id = `pollution/${++secretCount}`;
      secretsServer.create(id, JSON.stringify(treeWith(above, segment)));
      const clientOptions = { ...secretsServer.clientOptions, maxAttempts: 1 };
      return {
        sources: [secretsManagerSource({ secrets: [id], clientOptions })],
        names: new RegExp(`${id}#`),
      };
    },
  },
  {
    name: 'mounted directory file name',
    async deliver(dir, above, segment, inList) {
      if (inList) return undefined;
      // With '.' nesting a file name spells every segment (with '__' nesting, `__proto__` cannot be spelled).
      const name = [...above, segment, 'polluted'].join('.');
      await writeInput(dir, `mounted/${name}`, 'yes\n');
      return {
        sources: [mountedDirSource({ dir: 'mounted', nesting: '.' })],
        names: new RegExp(`mounted/${name.replace(/\./g, '\\.')}`),
      };
    },
  },
  {
    name: 'sealed last-good cache file',
    async deliver(_dir, above, segment, inList) {
      if (inList) return undefined;
      // A layer built without LayerBuilder (as a buggy plugin might), sealed by a key the keyring holds:
      // reading the cache back must refuse the key even though the file authenticates.
      const path = [...above, segment, 'polluted'];
      let up = true;
      const remote: ConfigSource = {
        name: 'remote',
        async load() {
          if (!up) throw new Error('remote down');
          return {
            source: 'remote',
            textual: true,
            warnings: [],
            entries: [{ path, value: 'yes', origin: { source: 'remote', locator: 'remote:cached-entry' } }],
          };
        },
      };
      const options = { dir: 'cache', maxStaleMs: 60_000, keyring: cacheKeyring };
      // Written by the wrapper directly: only the read back goes through the engine.
      await cachedSource(remote, options).load(sourceContext({ cwd: _dir }));
      up = false;
      return { sources: [cachedSource(remote, options)], names: /remote:cached-entry \[cached/ };
    },
  },
  {
    name: 'plugin layer (layerFromTree)',
    async deliver(_dir, above, segment, inList) {
      const tree = treeWith(above, segment, inList);
      const plugin: ConfigSource = {
        name: 'plugin',
        async load() {
          return layerFromTree({
            source: 'plugin',
            tree,
            originOf: (path) => ({ source: 'plugin', locator: `plugin:${path.join('.')}` }),
          });
        },
      };
      return { sources: [plugin], names: /plugin:/ };
    },
  },
  {
    name: 'hand-built plugin layer (raw entries, no LayerBuilder)',
    async deliver(_dir, above, segment, inList) {
      // A plugin may return a Layer it built itself: core checks the paths again rather than trust it.
      const path = inList ? [...above] : [...above, segment, 'polluted'];
      const value = inList ? (treeWith([], segment, true) as unknown as LeafValue) : 'yes';
      const plugin: ConfigSource = {
        name: 'plugin',
        async load() {
          const origin = { source: 'plugin', locator: `plugin:${path.join('.')}` };
          return { source: 'plugin', entries: [{ path, value, origin }], textual: false, warnings: [] };
        },
      };
      return { sources: [plugin], names: /plugin:/ };
    },
  },
  {
    name: 'Vault lease response (vaultDynamicSource)',
    async deliver(_dir, above, segment, inList) {
      // The credentials' keys land at the root, so the whole tree is the answer's `data`.
      const source = await vaultLeaseRoute(leaseBody(treeWith(above, segment, inList)));
      return { sources: [source], names: /vault database\/creds\/app#/ };
    },
  },
  {
    name: 'runtime override (a tree)',
    async deliver(_dir, above, segment, inList) {
      const tree = treeWith(above, segment, inList);
      return { sources: [], override: (config) => config.overrides.set(tree), names: /override runtime/ };
    },
  },
  {
    name: 'runtime override (a dotted path)',
    async deliver(_dir, above, segment, inList) {
      if (inList) return undefined; // a list item is a value, not a path: the tree row covers it
      const path = [...above, segment, 'polluted'].join('.');
      return {
        sources: [],
        override: (config) => config.overrides.set(path, 'yes', { actor: 'ops' }),
        names: /override ops/,
      };
    },
  },
  {
    name: 'runtime override (delete of a path)',
    async deliver(_dir, above, segment, inList) {
      if (inList) return undefined;
      const path = [...above, segment].join('.');
      return { sources: [], override: (config) => config.overrides.delete(path), names: /override runtime/ };
    },
  },
  // @strata/http request bodies: refused by the body reader at every level before any value moves.
  {
    name: 'HTTP POST /validate body',
    async deliver(_dir, above, segment, inList) {
      const values = treeWith(above, segment, inList);
      return {
        sources: [],
        override: (config) => httpWrite(config, httpBodyRoutes[0]!, { values }),
        names: /http request body/,
      };
    },
  },
  {
    name: 'HTTP PUT /overrides/{path} body',
    async deliver(_dir, above, segment, inList) {
      const value = treeWith(above, segment, inList);
      return {
        sources: [],
        override: (config) => httpWrite(config, httpBodyRoutes[1]!, { value }),
        names: /http request body/,
      };
    },
  },
  ...httpBodyRoutes
    .filter((route) => route.adapter === 'node' && route.path !== '/rollback')
    .map(
      (route): Route => ({
        name: `${route.name} body`,
        async deliver(_dir, above, segment, inList) {
          const payload = treeWith(above, segment, inList);
          return {
            sources: [],
            override: (config) => httpWrite(config, route, route.body(payload)),
            names: /http request body/,
          };
        },
      }),
    ),
  {
    name: 'HTTP PUT /overrides/{path} path',
    async deliver(_dir, above, segment, inList) {
      if (inList) return undefined; // a list item is a value, not a path: the body row covers it
      const target = encodeURIComponent([...above, segment, 'polluted'].join('.'));
      const route = { method: 'PUT', path: `/overrides/${target}` };
      return {
        sources: [],
        override: (config) => httpWrite(config, route, { value: 'yes' }),
        names: /override suite-operator|override runtime/,
      };
    },
  },
  {
    name: 'HTTP POST /rollback body',
    async deliver(_dir, above, segment, inList) {
      const body = { generation: 1, ...treeWith(above, segment, inList) };
      return {
        sources: [],
        override: (config) => httpWrite(config, httpBodyRoutes[2]!, body),
        names: /http request body/,
      };
    },
  },
];

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
  await closeVaultBodyServers();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
});

const cases = routes.flatMap((route) =>
  levels.flatMap((level) => segments.map((segment) => ({ route, level, segment }))),
);

describe('pollution: every route refuses unsafe keys at every level', () => {
  it.each(cases.map((c) => [c.route.name, c.segment, c.level.name, c] as const))(
    '%s: %s %s',
    async (_route, _segment, _level, { route, level, segment }) => {
      const delivery = await route.deliver(dir, level.above, segment, level.inList === true);
      if (!delivery) return; // the route cannot spell this payload (see the route's comment)
      const result = delivery.scoped
        ? scopeCause(await scopeWith(dir, delivery.scoped))
        : delivery.override
          ? await overrideWith(dir, delivery.override)
          : await loadWith(dir, delivery.sources, delivery);
      expect(result).toBeInstanceOf(Error);
      const error = result as Error;
      expect(StrataError.is(error, 'UNSAFE_KEY'), error.message).toBe(true);
      expect(error.message).toMatch(delivery.names);
    },
  );
});

describe('pollution: scope values', () => {
  // A scope's keys are its levels: an unsafe segment is no declared level, refused before any lookup.
  it.each(segments)('a scope level named %s is refused (SCOPE_INVALID), nothing loaded', async (segment) => {
    let made = 0;
    const scoped: ScopedSource = {
      name: 'tenants',
      level: 'tenant',
      forScope: () => {
        made++;
        return {
          name: 'tenants',
          load: async () => ({ source: 'tenants', entries: [], textual: false, warnings: [] }),
        };
      },
    };
    const scope = JSON.parse(`{${JSON.stringify(segment)}: "x", "tenant": "acme"}`) as Record<string, string>;
    const result = await scopeWith(dir, [scoped], scope);
    expect(StrataError.is(result, 'SCOPE_INVALID'), String(result)).toBe(true);
    expect((result as Error).message).toContain(`Unknown scope level "${segment}"`);
    expect(made).toBe(1); // the unaffected tenant's, not acme's
  });
});

describe('pollution: the files strata commands read themselves (secrets, migrate)', () => {
  beforeAll(assertBuilt);
  let project: Awaited<ReturnType<typeof cliProject>> | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });
  const rows = cliRouteRows(['yaml', 'json']).flatMap((row) =>
    segments.map((segment) => [...row, segment] as const),
  );

  it.each(rows)(
    '%s: a %s file with %s in an object is refused naming the file',
    async (_n, format, route, segment) => {
      project = await cliProject(format);
      await writeInput(project.dir, project.file, serialise(treeWith(['app', 'obj'], segment), format));
      const result = await route.run(project.dir, project.file);
      expect(result.code, result.stderr).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toMatch(
        new RegExp(
          `Refusing key "app\\.obj\\.${segment}\\.polluted" from file config/default\\.${format}:\\d+:\\d+`,
        ),
      );
    },
  );
});

describe('pollution: flag rule trees and the --context of strata flags explain', () => {
  const tree = (place: string, segment: Segment): string => {
    const payload = `{ ${JSON.stringify(segment)}: { polluted: yes } }`;
    switch (place) {
      case 'the rule tree':
        return `flags:\n  onRules: ${payload}\n`;
      case 'a split':
        return `flags:\n  onRules:\n    split: ${payload}\n`;
      case "a rule's when (in a list item)":
        return `flags:\n  onRules:\n    rules:\n      - when: ${payload}\n        value: true\n`;
      default:
        return `flags:\n  onRules:\n    variants: ${payload}\n`;
    }
  };
  const places = ['the rule tree', 'a split', "a rule's when (in a list item)", 'variants'];
  const rows = places.flatMap((place) => segments.map((segment) => [place, segment] as const));

  it.each(rows)('a YAML file with %s holding %s is refused naming the file', async (place, segment) => {
    await writeInput(dir, 'config/default.yaml', tree(place, segment));
    const result = await loadFlagsWith(dir, [fileSource({ dir: 'config' })]);
    expect(result).toBeInstanceOf(Error);
    expect(StrataError.is(result, 'UNSAFE_KEY'), String(result)).toBe(true);
    expect((result as Error).message).toMatch(/config\/default\.yaml/);
  });

  it.each(segments)(
    'JSON text in an env variable with %s in the rule tree is refused naming it',
    async (segment) => {
      const text = `{"rules":[{"when":{${JSON.stringify(segment)}:{"polluted":"yes"}},"value":true}]}`;
      const result = await loadFlagsWith(dir, [envSource({ prefix: 'APP_' })], { APP_FLAGS__ON_RULES: text });
      expect(StrataError.is(result, 'UNSAFE_KEY'), String(result)).toBe(true);
      expect((result as Error).message).toContain('APP_FLAGS__ON_RULES');
    },
  );

  it('evaluate() with a context holding an own __proto__ key reads nothing from it and pollutes nothing', async () => {
    await writeInput(
      dir,
      'config/default.yaml',
      'flags:\n  onRules:\n    rules:\n      - when: { plan: pro }\n        value: true\n',
    );
    const config = await loadConfig(
      { sections: [FlagInput], sources: [fileSource({ dir: 'config' })] },
      { cwd: dir, env: {}, argv: [], environment: 'test' },
    );
    try {
      const context = JSON.parse('{"__proto__": {"plan": "pro", "polluted": "yes"}, "targetingKey": "u"}');
      expect(createFlags(config).evaluate('flags.on', context)).toMatchObject({
        value: false,
        reason: 'DEFAULT',
      });
    } finally {
      await config.close();
    }
  });

  describe('--context', () => {
    beforeAll(assertBuilt);
    const contexts = segments.flatMap((segment) => [
      [segment, 'at the top', `{${JSON.stringify(segment)}: {"polluted": "yes"}}`] as const,
      [
        segment,
        'nested in a list',
        `{"tags": [{"a": {${JSON.stringify(segment)}: {"polluted": "yes"}}}]}`,
      ] as const,
    ]);
    it.each(contexts)('%s %s is refused (exit 2) naming --context', async (segment, _where, text) => {
      const result = await explainWithContext(text);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr).toContain(`--context has the key "${segment}", which is never accepted`);
    });
  });
});

describe('pollution: the fleet stream (a signed message from an instance holding the fleet key)', () => {
  let route: FleetRoute;
  beforeAll(async () => {
    route = await startFleetRoute();
  });
  afterAll(async () => {
    await route?.close();
  });

  it.each(segments)(
    'a shared layer with a %s segment is dropped by followers; nothing is polluted',
    async (segment) => {
      let version = 1;
      let unsafe = false;
      // The leader's source hands over a layer built by hand, past the LayerBuilder a real source uses.
      const leaderSource: ConfigSource = {
        name: 'store',
        async load() {
          if (!unsafe)
            return layerFromTree({
              source: 'store',
              tree: { app: { greeting: 'safe' } },
              originOf: () => ({ source: 'store', locator: 'app', version }),
            });
          return {
            source: 'store',
            textual: false,
            warnings: [],
            entries: [
              {
                path: ['app', segment, 'polluted'],
                value: 'yes',
                origin: { source: 'store', locator: 'app', version },
              },
            ],
          };
        },
      };
      const fleetName = `pollution-${segment}`;
      const leader = await route.member(leaderSource, { mode: 'leader', fleet: fleetName });
      await waitFor('the leader', () => leader.fleet.leader);
      const follower = await route.member(
        {
          name: 'store',
          load: async () =>
            layerFromTree({
              source: 'store',
              tree: { app: { greeting: 'safe' } },
              originOf: () => ({ source: 'store', locator: 'app', version: 1 }),
            }),
        },
        { mode: 'leader', fleet: fleetName },
      );
      await waitFor('the follower follows', () => follower.fleet.members.length === 2);
      unsafe = true;
      version = 2;
      await leader.config.reload({ sources: ['store'] });
      await waitFor('the drop', () => follower.fleet.transport.counters().dropped.malformed === 1);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(follower.config.generation).toBe(1);

      // A signed envelope whose JSON carries the segment as a key is read as data, never as a prototype.
      await leader.fleet.transport.send(JSON.parse(`{"kind":"refresh","${segment}":{"polluted":"yes"}}`), 1);
      await waitFor('the refresh read', () => follower.fleet.transport.counters().accepted >= 2);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
