import { type Config, type ConfigSource, type LeafValue, StrataError } from '@strata/core';
import { assertBuilt } from '@strata-internal/test-support/cli';
import { waitFor } from '@strata-internal/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FleetRoute, startFleetRoute } from './support/fleet-route.js';
import { cliProject, cliRouteRows } from './support/cli-input-routes.js';
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
  scratch,
  serialise,
  writeInput,
} from './support/input-routes.js';

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
];

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
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
      const result = delivery.override
        ? await overrideWith(dir, delivery.override)
        : await loadWith(dir, delivery.sources, delivery);
      expect(result).toBeInstanceOf(Error);
      const error = result as Error;
      expect(StrataError.is(error, 'UNSAFE_KEY'), error.message).toBe(true);
      expect(error.message).toMatch(delivery.names);
    },
  );
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
