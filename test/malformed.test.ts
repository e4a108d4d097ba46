// biome-ignore-all lint/suspicious/noTemplateCurlyInString: some strings here are Strata ${…} templates, not JavaScript ones.
import { type LeafValue, StrataError } from '@strata/core';
import { mountedDirSource } from '@strata/file';
import { assertBuilt } from '@strata-internal/test-support/cli';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@strata-internal/test-support';
import { type FleetRoute, fleetStoreSource, startFleetRoute } from './support/fleet-route.js';
import { cliProject, cliRouteRows } from './support/cli-input-routes.js';
import { httpBodyRoutes, httpWrite } from './support/http-routes.js';
import { explainWithContext, loadFlagsWith } from './support/flag-routes.js';
import {
  dotenvSource,
  envSource,
  type FileFormat,
  fileSource,
  loadWith,
  overrideWith,
  removeScratch,
  scopeCause,
  scopedFileSource,
  scopeWith,
  scratch,
  writeInput,
} from './support/input-routes.js';
import { closeVaultBodyServers, leaseBody, vaultLeaseRoute } from './support/vault-input-routes.js';
import { vaultSource } from '@strata/vault';

// Malformed input per format: invalid UTF-8, UTF-16 (with and without a byte-order mark), truncated and
// garbage text. Each is refused with an error naming file:line, and no NUL byte or U+FFFD reaches a message.
// A new file-reading source adds a row to `routes`.

interface Route {
  readonly name: string;
  readonly file: string;
  readonly source: () =>
    | ReturnType<typeof fileSource>
    | ReturnType<typeof dotenvSource>
    | ReturnType<typeof mountedDirSource>;
  /** A tenant file read through `config.scope({ tenant: 'acme' })` rather than a service source. */
  readonly scoped?: () => ReturnType<typeof scopedFileSource>;
  /** A valid two-line document whose second line holds a value (the place bad bytes go). */
  readonly valid: (value: string) => string;
  /** Truncated or garbage texts, each with the line its error must name. */
  readonly broken: readonly (readonly [string, string | Buffer, number])[];
}

const serviceRoutes: readonly Route[] = [
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
  {
    // One file is one value: the whole text (two lines here) is the value of `app.name`.
    name: 'mounted directory file',
    file: 'mounted/app.name',
    source: () => mountedDirSource({ dir: 'mounted', nesting: '.' }),
    valid: (value) => `first line\n${value}\n`,
    broken: [],
  },
];

// The same formats as tenant files (`scopedFileSource`), read when a scope is asked for: each failure is that
// tenant's ScopeError, whose cause must meet the same expectations.
const tenantRoutes: readonly Route[] = serviceRoutes
  .filter((route) => route.file.startsWith('config/'))
  .map((route) => {
    const extension = route.file.slice(route.file.lastIndexOf('.') + 1);
    return {
      ...route,
      name: `${route.name} tenant file (config.scope)`,
      file: `config/tenants/acme.${extension}`,
      scoped: () => scopedFileSource({ level: 'tenant', file: `config/tenants/{tenant}.${extension}` }),
    };
  });
const routes: readonly Route[] = [...serviceRoutes, ...tenantRoutes];

/** Loads a route's input: its service source, or the tenant's scope. */
async function load(route: Route): Promise<unknown> {
  return route.scoped ? scopeCause(await scopeWith(dir, [route.scoped()])) : loadWith(dir, [route.source()]);
}

let dir: string;
beforeEach(async () => {
  dir = await scratch();
});
afterEach(async () => {
  await removeScratch(dir);
  await closeVaultBodyServers();
});

async function failure(route: Route, bytes: Buffer | string): Promise<Error> {
  await writeInput(dir, route.file, bytes);
  const result = await load(route);
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
      const result = await load(route);
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

describe('malformed: templates in values', () => {
  // `${…}` in a file value is an input route of its own: each broken template is an invalid value naming
  // the key, the file:line it came from and what is wrong, with no raw control byte in the message.
  const cases: readonly (readonly [string, string, RegExp, Record<string, string | Buffer>])[] = [
    ['an unterminated "${"', 'x ${app.obj', /has an unterminated "\$\{" at character 3/, {}],
    ['an empty reference', 'x ${}', /has an empty reference/, {}],
    ['an empty variable name', '${env:}', /has an empty reference/, {}],
    ['a reference that is not a key path', '${app..name}', /is not a dotted key path/, {}],
    ['a control sequence as a variable name', '${env:\u001b[2J}', /is not a variable name/, {}],
    [
      'a referenced file with invalid UTF-8',
      '${file:bad.txt}',
      /bad\.txt:1:\d+: .*UTF-8/,
      { 'config/bad.txt': Buffer.from([0x61, 0xff, 0x62]) },
    ],
    [
      'a referenced file that is UTF-16',
      '${file:wide.txt}',
      /wide\.txt:1:1: .*UTF-16/,
      { 'config/wide.txt': Buffer.from([0xff, 0xfe, 0x61, 0x00]) },
    ],
  ];
  it.each(cases)('%s is refused, naming the key and file:line', async (_what, template, message, files) => {
    for (const [file, content] of Object.entries(files)) await writeInput(dir, file, content);
    await writeInput(dir, 'config/default.yaml', `app:\n  name: ${JSON.stringify(template)}\n`);
    const error = await loadWith(dir, [fileSource({ dir: 'config' })]);
    expect(StrataError.is(error, 'CONFIG_INVALID'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/app\.name: .* — from file config\/default\.yaml:2:\d+/);
    expect((error as Error).message).toMatch(message);
    expectClean(error as Error);
    expect((error as Error).message).not.toContain('\u001b');
  });
});

describe('malformed: Vault inputs (lease responses, token and JWT files)', () => {
  // A broken answer or credential file is refused naming the request or the file, never quoting a value.
  const bodies: readonly (readonly [string, string | Buffer, string])[] = [
    [
      'truncated JSON',
      leaseBody({ password: 'hunter2-secret' }).slice(0, 60),
      'answered 200 with a body that is not valid JSON',
    ],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from(leaseBody({ password: 'hunter2-@@' }).split('@@')[0] as string),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}}'),
      ]),
      'answered 200 with a body that is not valid UTF-8',
    ],
    [
      'data that is not an object',
      leaseBody('hunter2-secret'),
      'answered without a key/value object in data',
    ],
    [
      'a lease_duration that is not a number',
      JSON.stringify({
        lease_id: 'database/creds/app/1',
        lease_duration: 'hunter2-secret',
        data: { a: 'b' },
      }),
      'answered a lease_duration that is not a number of seconds',
    ],
  ];
  it.each(bodies)('a lease response with %s is refused naming the request', async (_what, body, message) => {
    const error = await loadWith(dir, [await vaultLeaseRoute(body)]);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('obtaining credentials from database/creds/app failed');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('hunter2');
    expectClean(error as Error);
  });

  const files = [
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
  const contents = [
    ['invalid UTF-8', Buffer.from([0x68, 0x76, 0x73, 0xc3, 0x28, 0x61]), 'not UTF-8 text'],
    ['UTF-16', Buffer.from('hvs.token-in-utf16', 'utf16le'), 'not UTF-8 text'],
    ['only whitespace', '  \n\n', 'is empty'],
  ] as const;
  it.each(
    files.flatMap(([option, source]) =>
      contents.map(([what, bytes, reason]) => [option, what, source, bytes, reason] as const),
    ),
  )('%s with %s is refused naming the option and the file', async (option, _what, source, bytes, reason) => {
    await writeInput(dir, 'credential', bytes);
    const error = await loadWith(dir, [source('credential')], { env: { VAULT_ADDR: 'http://127.0.0.1:1' } });
    expect((error as Error).message).toContain(`${option} ${dir}/credential`);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).not.toContain('token-in');
    expectClean(error as Error);
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

describe('malformed: @strata/http request bodies', () => {
  // Each body route × each malformed body: refused with 400 naming the problem (and the line for JSON that
  // does not parse), never quoting the body, no NUL or U+FFFD in the message, nothing applied.
  const bodies: readonly (readonly [string, string | Uint8Array, string, RegExp])[] = [
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('{"values": {"app": {"name": "'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}}}'),
      ]),
      'PARSE_ERROR',
      /^request body:1:\d+: /,
    ],
    [
      'UTF-16 with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"values": {}}', 'utf16le')]),
      'PARSE_ERROR',
      /^request body:1:1: .*UTF-16/,
    ],
    [
      'UTF-16 without a byte-order mark',
      Buffer.from('{"values": {}}', 'utf16le'),
      'PARSE_ERROR',
      /^request body:1:\d+: .*NUL/,
    ],
    [
      'truncated JSON',
      '{"values": {"app": {"name": "sec',
      'MALFORMED_JSON',
      /not valid JSON: (it ends before|unterminated string at line 1)/,
    ],
    ['garbage JSON on line 2', '{"values":\n {"app": {"name": x}}}', 'MALFORMED_JSON', /not valid JSON/],
    ['a JSON array, not an object', '[1, 2]', 'MALFORMED_BODY', /must be a JSON object/],
  ];
  const cases = httpBodyRoutes.flatMap((route) =>
    bodies.map(([what, body, code, message]) => [route.name, what, route, body, code, message] as const),
  );
  it.each(cases)('%s: %s is refused', async (_name, _what, route, body, code, message) => {
    const error = await overrideWith(dir, async (config) => {
      await httpWrite(config, route, body).finally(() => expect(config.generation).toBe(1));
    });
    expect(error).toBeInstanceOf(Error);
    expect(StrataError.is(error, code as 'PARSE_ERROR'), String(error)).toBe(true);
    expect((error as Error & { status: number }).status).toBe(400);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('sec');
    expectClean(error as Error);
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

describe('malformed: flag rule trees and the --context of strata flags explain', () => {
  // Trees of the wrong shape: each is a validation problem on the rules key, with its file:line, never a throw.
  const trees: readonly (readonly [string, string, string])[] = [
    ['a string instead of a map', "'always on'", 'expected an object'],
    ['rules that are not a list', '{ rules: 5 }', 'rules: expected a list of rules'],
    ['a rule that is not a map', '{ rules: [5] }', 'rules[0]: expected a map'],
    ['a split given as a list', '{ split: [10, 90] }', 'split: expected a map of variant → percentage'],
    [
      'conditions given as a list',
      '{ rules: [{ when: [a], value: true }] }',
      'expected a map of attribute → condition',
    ],
    ['an empty operator map', '{ rules: [{ when: { a: {} }, value: true }] }', 'when.a: names no operator'],
    [
      'variants given as a list',
      '{ variants: [], split: { a: 100 } }',
      'variants: expected a map of name → value',
    ],
    ['a percentage as text', "{ split: { 'true': ten, 'false': 90 } }", 'expected a whole percentage'],
  ];

  it.each(trees)(
    '%s is a validation problem naming the rules key and file:line',
    async (_what, tree, message) => {
      await writeInput(dir, 'config/default.yaml', `flags:\n  onRules: ${tree}\n`);
      const error = await loadFlagsWith(dir, [fileSource({ dir: 'config' })]);
      expect(StrataError.is(error, 'CONFIG_INVALID'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/flags\.onRules: /);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).toMatch(/config\/default\.yaml:2:\d+/);
      expectClean(error as Error);
    },
  );

  it.each([
    ['truncated JSON', '{"split":{"true":'],
    ['not JSON', 'split=100'],
    ['a JSON list', '[1, 2]'],
  ])('%s in an env variable is a validation problem naming the variable', async (_what, text) => {
    const error = await loadFlagsWith(dir, [envSource({ prefix: 'APP_' })], { APP_FLAGS__ON_RULES: text });
    expect(StrataError.is(error, 'CONFIG_INVALID'), String(error)).toBe(true);
    expect((error as Error).message).toContain('APP_FLAGS__ON_RULES');
    expectClean(error as Error);
  });

  describe('--context', () => {
    beforeAll(assertBuilt);
    it.each([
      ['truncated JSON', '{"email":', 'is not valid JSON'],
      ['not JSON', 'email=a@b', 'is not valid JSON'],
      ['an empty text', '', 'is not valid JSON'],
      ['a JSON list', '[{"email":"a@b"}]', 'must be a JSON object'],
      ['a JSON string', '"u-1"', 'must be a JSON object'],
      ['null', 'null', 'must be a JSON object'],
    ])('%s is refused (exit 2) with a message, no stack trace', async (_what, text, message) => {
      const result = await explainWithContext(text);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr).toContain(`--context ${message}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).not.toContain('\ufffd');
    });

    it('a lone surrogate escaped in the JSON is an ordinary string attribute', async () => {
      const result = await explainWithContext('{"email":"\\ud800@example.com","targetingKey":"u"}');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('features.newCheckout = true');
    });
  });
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
