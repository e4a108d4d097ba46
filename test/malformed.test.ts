import { type LeafValue, StrataError } from '@strata/core';
import { assertBuilt } from '@strata-internal/test-support/cli';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@strata-internal/test-support';
import { type FleetRoute, fleetStoreSource, startFleetRoute } from './support/fleet-route.js';
import { cliProject, cliRouteRows } from './support/cli-input-routes.js';
import {
  dotenvSource,
  type FileFormat,
  fileSource,
  loadWith,
  overrideWith,
  removeScratch,
  scratch,
  writeInput,
} from './support/input-routes.js';

// Malformed input per format: invalid UTF-8, UTF-16 (with and without a byte-order mark), truncated and
// garbage text. Each is refused with an error naming file:line, and no NUL byte or U+FFFD reaches a message.
// A new file-reading source adds a row to `routes`.

interface Route {
  readonly name: string;
  readonly file: string;
  readonly source: () => ReturnType<typeof fileSource> | ReturnType<typeof dotenvSource>;
  /** A valid two-line document whose second line holds a value (the place bad bytes go). */
  readonly valid: (value: string) => string;
  /** Truncated or garbage texts, each with the line its error must name. */
  readonly broken: readonly (readonly [string, string | Buffer, number])[];
}

const routes: readonly Route[] = [
  {
    name: 'yaml',
    file: 'config/default.yaml',
    source: () => fileSource({ dir: 'config' }),
    valid: (value) => `app:\n  name: "${value}"\n`,
    broken: [
      ['truncated', 'app:\n  name: "unterminated\n', 3],
      ['garbage', 'app:\n  name: x\n  - ]]: [\n', 3],
      ['8 garbage bytes from the audit', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x80, 0x3a]), 1],
    ],
  },
  {
    name: 'json',
    file: 'config/default.json',
    source: () => fileSource({ dir: 'config' }),
    valid: (value) => `{"app":\n  {"name": "${value}"}}\n`,
    broken: [
      ['truncated', '{"app":\n  {"name": "x"', 2],
      ['garbage', '{"app":\n  {"name": x}}', 2],
    ],
  },
  {
    name: 'toml',
    file: 'config/default.toml',
    source: () => fileSource({ dir: 'config' }),
    valid: (value) => `[app]\nname = "${value}"\n`,
    broken: [
      ['truncated', '[app]\nname = "x', 2],
      ['garbage', '[app]\nname = = x\n', 2],
      ['an integer beyond int64', '[app]\nobj = { big = 9223372036854775808 }\n', 2],
    ],
  },
  {
    name: '.env',
    file: '.env',
    source: () => dotenvSource({ prefix: 'APP_' }),
    valid: (value) => `# settings\nAPP_APP__NAME=${value}\n`,
    broken: [],
  },
];

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
});

async function failure(route: Route, bytes: Buffer | string): Promise<Error> {
  await writeInput(dir, route.file, bytes);
  const result = await loadWith(dir, [route.source()]);
  expect(result).toBeInstanceOf(Error);
  return result as Error;
}

function expectClean(error: Error): void {
  expect(error.message).not.toContain('\u0000');
  expect(error.message).not.toContain('\ufffd');
}

describe('malformed: encodings', () => {
  it.each(routes.map((route) => [route.name, route] as const))(
    '%s: invalid UTF-8 is refused at file:line',
    async (_name, route) => {
      const [before, after] = route.valid('@@').split('@@') as [string, string];
      const bytes = Buffer.concat([
        Buffer.from(before),
        Buffer.from([0x61, 0xc3, 0x28, 0x62]),
        Buffer.from(after),
      ]);
      const error = await failure(route, bytes);
      expect(StrataError.is(error, 'PARSE_ERROR'), error.message).toBe(true);
      expect(error.message).toMatch(
        new RegExp(`^${route.file.replace('.', '\\.')}:2:\\d+: the file is not valid UTF-8`),
      );
      expectClean(error);
    },
  );

  it.each(routes.map((route) => [route.name, route] as const))(
    '%s: UTF-16 with a byte-order mark is refused',
    async (_name, route) => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(route.valid('x'), 'utf16le')]);
      const error = await failure(route, bytes);
      expect(StrataError.is(error, 'PARSE_ERROR')).toBe(true);
      expect(error.message).toMatch(new RegExp(`^${route.file.replace('.', '\\.')}:1:1: the file is UTF-16`));
      expectClean(error);
    },
  );

  it.each(routes.map((route) => [route.name, route] as const))(
    '%s: UTF-16 without a byte-order mark (NUL bytes) is refused',
    async (_name, route) => {
      const error = await failure(route, Buffer.from(route.valid('x'), 'utf16le'));
      expect(StrataError.is(error, 'PARSE_ERROR')).toBe(true);
      expect(error.message).toMatch(
        new RegExp(`^${route.file.replace('.', '\\.')}:1:2: the file contains a NUL byte`),
      );
      expectClean(error);
    },
  );

  it.each(routes.map((route) => [route.name, route] as const))(
    '%s: a lone U+FFFD written as UTF-8 still loads (it is valid text)',
    async (_name, route) => {
      await writeInput(dir, route.file, route.valid('a\ufffdb'));
      const result = await loadWith(dir, [route.source()]);
      expect(result instanceof Error ? result.message : 'loaded').toBe('loaded');
    },
  );
});

describe('malformed: truncated and garbage text', () => {
  const cases = routes.flatMap((route) =>
    route.broken.map(([what, text, line]) => [route.name, what, route, text, line] as const),
  );
  it.each(cases)('%s %s is refused at file:line', async (_name, _what, route, text, line) => {
    const error = await failure(route, text);
    expect(StrataError.is(error, 'PARSE_ERROR'), error.message).toBe(true);
    expect(error.message).toMatch(new RegExp(`^${route.file.replace('.', '\\.')}:${line}:\\d+: `));
    expectClean(error);
  });
});

describe('malformed: runtime override values', () => {
  // Values handed to `config.overrides` in memory: no bytes to decode, but values no configuration can hold.
  // Each is refused as an invalid value naming its path and the override, and nothing is applied.
  const values: readonly (readonly [string, string, unknown])[] = [
    ['undefined (which would unset a field behind its default)', 'app.name', undefined],
    ['a function', 'app.name', () => 'x'],
    ['a symbol', 'app.name', Symbol('x')],
    ['a Map (which would arrive as an empty object)', 'app.obj', new Map([['a', 1]])],
    ['a function inside a list', 'app.list', [1, () => 'x']],
    ['a string with a NUL byte and an escape sequence, for an object field', 'app.obj', 'a\u0000\u001b[2Jb'],
  ];
  it.each(values)('%s is refused, naming the path and the override', async (_what, path, value) => {
    const error = await overrideWith(dir, async (config) => {
      await config.overrides.set(path, value as LeafValue).finally(() => {
        expect(config.generation).toBe(1);
        expect(config.overrides.list()).toEqual([]);
      });
    });
    expect(error).toBeInstanceOf(Error);
    expect(StrataError.is(error, 'CONFIG_INVALID'), String(error)).toBe(true);
    expect((error as Error).message).toContain(`${path}: `);
    expect((error as Error).message).toContain('from override runtime');
    expectClean(error as Error);
    expect((error as Error).message).not.toContain('\u001b');
  });
});

describe('malformed: the files strata commands read themselves (secrets, migrate)', () => {
  beforeAll(assertBuilt);
  let project: Awaited<ReturnType<typeof cliProject>> | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });
  const valid: Readonly<Record<FileFormat, (value: string) => string>> = {
    yaml: (value) => `app:\n  name: "${value}"\n`,
    json: (value) => `{"app":\n  {"name": "${value}"}}\n`,
    toml: (value) => `[app]\nname = "${value}"\n`,
  };

  it.each(cliRouteRows())('%s: invalid UTF-8 in %s is refused at file:line', async (_name, format, route) => {
    project = await cliProject(format);
    const [before, after] = valid[format]('@@').split('@@') as [string, string];
    const bytes = Buffer.concat([
      Buffer.from(before),
      Buffer.from([0x61, 0xc3, 0x28, 0x62]),
      Buffer.from(after),
    ]);
    await writeInput(project.dir, project.file, bytes);
    const result = await route.run(project.dir, project.file);
    expect(result.code, result.stderr).toBe(1);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toMatch(new RegExp(`config/default\\.${format}:2:\\d+: the file is not valid UTF-8`));
    expect(output).not.toContain('\ufffd');
  });

  it.each(cliRouteRows(['yaml']))(
    '%s: UTF-16 %s with a byte-order mark is refused',
    async (_name, format, route) => {
      project = await cliProject(format);
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid[format]('x'), 'utf16le')]);
      await writeInput(project.dir, project.file, bytes);
      const result = await route.run(project.dir, project.file);
      expect(result.code, result.stderr).toBe(1);
      const output = `${result.stdout}${result.stderr}`;
      expect(output).toMatch(/config\/default\.yaml:1:1: the file is UTF-16/);
      expect(output).not.toContain('\u0000');
    },
  );
});

describe('malformed: the fleet stream', () => {
  let route: FleetRoute;
  beforeAll(async () => {
    route = await startFleetRoute();
  });
  afterAll(async () => {
    await route?.close();
  });

  it.each([
    ['no fields of a fleet message', { hello: 'world' }, 'unauthenticated'],
    ['a MAC that is not hex', { v: '1', k: 'fleet-suite', m: '{}', s: 'zz' }, 'unauthenticated'],
    [
      'a truncated message under a forged MAC',
      { v: '1', k: 'fleet-suite', m: '{"format":"strata.fl', s: '0'.repeat(64) },
      'unauthenticated',
    ],
    [
      'invalid UTF-8 bytes',
      { v: '1', k: 'fleet-suite', m: Buffer.from([0xff, 0xfe, 0x7b]).toString('latin1'), s: '1'.repeat(64) },
      'unauthenticated',
    ],
    ['an unknown wire version', { v: '9', k: 'fleet-suite', m: '{}', s: '0'.repeat(64) }, 'malformed'],
  ] as const)('%s: dropped, counted, never applied', async (name, fields, reason) => {
    const member = await route.member(fleetStoreSource(), {
      fleet: `malformed-${name.replace(/\W+/g, '-')}`,
    });
    await route.raw.xAdd(member.fleet.transport.keys.stream, '*', fields);
    await waitFor('the drop', () => member.fleet.transport.counters().dropped[reason] === 1);
    expect(member.fleet.transport.counters().accepted).toBe(0);
    expect(member.config.generation).toBe(1);
  });

  it('a signed message of an unknown shape is dropped as malformed', async () => {
    const member = await route.member(fleetStoreSource(), { fleet: 'malformed-shape' });
    await member.fleet.transport.send(JSON.parse('{"kind":"layer","source":7}'), 1);
    await waitFor('the drop', () => member.fleet.transport.counters().dropped.malformed === 1);
  });
});
