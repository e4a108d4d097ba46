import { afterEach, describe, expect, test } from 'vitest';
import { errorOf, OPERATOR_TOKEN, READER_TOKEN, type Surface, startSurface } from './support/surface.js';
import { SECRET } from './support/sections.js';

let surface: Surface;
afterEach(async () => {
  await surface?.close();
});

const json = { 'content-type': 'application/json' };

describe('read endpoints', () => {
  test('GET /health/live and /health/ready answer application/health+json with every source', async () => {
    surface = await startSurface();
    const live = await surface.call('/health/live', { token: READER_TOKEN });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^application\/health\+json/);
    const ready = await surface.call('/health/ready', { token: READER_TOKEN });
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      status: string;
      checks: Record<string, { status: string; lastSuccess: string; required: boolean }[]>;
    };
    expect(body.status).toBe('pass');
    const test = body.checks['source:test']![0]!;
    expect(test).toMatchObject({
      source: 'test',
      status: 'up',
      required: true,
      stale: false,
      lastError: null,
      nextRetry: null,
    });
    expect(Date.parse(test.lastSuccess)).not.toBeNaN();
  });

  test('a required source that fails makes /health/ready 503 with its last error; it recovers', async () => {
    surface = await startSurface();
    surface.source.failing = true;
    await surface.config.reload();
    const ready = await surface.call('/health/ready', { token: READER_TOKEN });
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as {
      status: string;
      checks: Record<string, { status: string; lastError: string }[]>;
    };
    expect(body.status).toBe('fail');
    expect(body.checks['source:test']![0]).toMatchObject({ status: 'down', stale: true });
    expect(body.checks['source:test']![0]!.lastError).toContain('backend unreachable');
    surface.source.failing = false;
    surface.source.set('server.port', 9090);
    await surface.config.reload();
    expect((await surface.call('/health/ready', { token: READER_TOKEN })).status).toBe(200);
  });

  test('readiness follows a poller given as sourceHealth: stale and next retry come from it', async () => {
    surface = await startSurface({
      sourceHealth: {
        test: () => ({
          state: 'waiting',
          lastSuccessAt: 1_000,
          lastFailureAt: 2_000,
          lastError: new Error('timed out'),
          consecutiveFailures: 2,
          nextAttemptAt: 5_000,
          stale: true,
        }),
      },
    });
    const ready = await surface.call('/health/ready', { token: READER_TOKEN });
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Record<string, Record<string, unknown>[]> };
    expect(body.checks['source:test']![0]).toMatchObject({
      status: 'down',
      stale: true,
      lastSuccess: new Date(1_000).toISOString(),
      lastError: 'timed out',
      nextRetry: new Date(5_000).toISOString(),
    });
  });

  test('GET /config: the redacted tree, every field with its origin, no secret anywhere', async () => {
    surface = await startSurface();
    const response = await surface.call('/config', { token: READER_TOKEN });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const body = JSON.parse(text) as {
      generation: number;
      tree: Record<string, Record<string, unknown>>;
      fields: { path: string; value: unknown; origin: unknown }[];
    };
    expect(body.generation).toBe(1);
    expect(body.tree['database']!['password']).toBe('[redacted]');
    expect(body.fields.find((field) => field.path === 'server.port')).toMatchObject({
      value: 8080,
      origin: { source: 'test', locator: 'test:server.port' },
    });
    expect(body.fields.find((field) => field.path === 'log.level')).toMatchObject({
      value: 'info',
      origin: 'default',
    });
    expect(body.fields.find((field) => field.path === 'database.password')).toMatchObject({
      value: '[redacted]',
      secret: true,
    });
  });

  test('GET /config/{path} is explain: the value and every candidate; a secret candidate is redacted', async () => {
    surface = await startSurface();
    await surface.config.overrides.set('server.port', 7000, { actor: 'test' });
    const body = (await (await surface.call('/config/server.port', { token: READER_TOKEN })).json()) as {
      value: number;
      candidates: { origin: { source: string }; value: unknown; winner: boolean }[];
    };
    expect(body.value).toBe(7000);
    expect(
      body.candidates.map((candidate) => [candidate.origin.source, candidate.value, candidate.winner]),
    ).toEqual([
      ['test', 8080, false],
      ['override', 7000, true],
    ]);
    const secret = await (await surface.call('/config/database.password', { token: READER_TOKEN })).text();
    expect(secret).not.toContain(SECRET);
    expect(JSON.parse(secret).value).toBe('[redacted]');
    const unknown = await surface.call('/config/server.nope', { token: READER_TOKEN });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('UNKNOWN_PATH');
  });

  test('GET /history and GET /diff?from=&to= compose the generations between, both ways', async () => {
    surface = await startSurface();
    surface.source.set('server.port', 9000);
    await surface.config.reload();
    surface.source.set('server.host', 'example.org');
    surface.source.set('database.password', 'another-secret-value');
    await surface.config.reload();
    const history = (await (await surface.call('/history', { token: READER_TOKEN })).json()) as {
      entries: { generation: number }[];
    };
    expect(history.entries.map((entry) => entry.generation)).toEqual([1, 2, 3]);
    const forward = (await (await surface.call('/diff?from=1&to=3', { token: READER_TOKEN })).json()) as {
      diff: { path: string; before: unknown; after: unknown }[];
    };
    expect(forward.diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'server.port', before: 8080, after: 9000 }),
        expect.objectContaining({ path: 'server.host', before: 'localhost', after: 'example.org' }),
        expect.objectContaining({ path: 'database.password', before: '[redacted]', after: '[redacted]' }),
      ]),
    );
    const back = (await (await surface.call('/diff?from=3&to=1', { token: READER_TOKEN })).json()) as {
      diff: { path: string; before: unknown; after: unknown }[];
    };
    expect(back.diff.find((change) => change.path === 'server.port')).toMatchObject({
      before: 9000,
      after: 8080,
    });
    expect((await surface.call('/diff?from=1&to=42', { token: READER_TOKEN })).status).toBe(404);
    const bad = await surface.call('/diff?from=x', { token: READER_TOKEN });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('INVALID_PARAMETER');
  });

  test('GET /schema is the JSON Schema of the configuration', async () => {
    surface = await startSurface();
    const response = await surface.call('/schema', { token: READER_TOKEN });
    expect(response.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    const schema = (await response.json()) as {
      properties: Record<string, { properties: Record<string, unknown> }>;
    };
    expect(schema.properties['server']!.properties['port']).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 65535,
    });
  });
});

describe('writes', () => {
  test('POST /validate answers the problems a partial tree would cause and applies nothing', async () => {
    surface = await startSurface();
    const invalid = await surface.call('/validate', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ values: { 'server.port': 70000, log: { level: 'loud' } } }),
    });
    expect(invalid.status).toBe(200);
    const body = (await invalid.json()) as {
      valid: boolean;
      problems: { path: string; constraint: string }[];
    };
    expect(body.valid).toBe(false);
    expect(body.problems.map((problem) => [problem.path, problem.constraint]).sort()).toEqual([
      ['log.level', 'isIn'],
      ['server.port', 'max'],
    ]);
    const valid = await surface.call('/validate', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ values: { 'server.port': 7000 } }),
    });
    expect(await valid.json()).toMatchObject({ valid: true, problems: [] });
    expect(surface.config.generation).toBe(1);
    expect(surface.config.snapshot.value('server.port')).toBe(8080);
  });

  test('PUT /overrides/{path} applies through the transaction; an invalid value is 422 with problems, last good kept', async () => {
    surface = await startSurface();
    const bad = await surface.call('/overrides/server.port', {
      method: 'PUT',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ value: 0 }),
    });
    expect(bad.status).toBe(422);
    const error = (await errorOf(bad)) as {
      code: string;
      problems: { path: string; constraint: string }[];
    };
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems[0]).toMatchObject({ path: 'server.port', constraint: 'min' });
    expect(surface.config.generation).toBe(1);

    const good = await surface.call('/overrides/server.port', {
      method: 'PUT',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ value: 7000, ttl: 600, reason: 'incident 4312' }),
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      status: 'changed',
      generation: 2,
      diff: [{ path: 'server.port', before: 8080, after: 7000 }],
    });
    const [entry] = surface.config.overrides.list();
    expect(entry).toMatchObject({
      path: 'server.port',
      value: 7000,
      reason: 'incident 4312',
      origin: { source: 'override', locator: 'ops-alice' },
    });
    expect(entry!.expiresAt).toBeInstanceOf(Date);

    const removed = await surface.call('/overrides/server.port', { method: 'DELETE', token: OPERATOR_TOKEN });
    expect(await removed.json()).toMatchObject({
      status: 'changed',
      diff: [{ path: 'server.port', before: 7000, after: 8080 }],
    });
  });

  test('an override on a secret answers redacted', async () => {
    surface = await startSurface();
    const response = await surface.call('/overrides/database.password', {
      method: 'PUT',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ value: 'new-secret-value-xyz' }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain('new-secret-value-xyz');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).diff[0]).toMatchObject({ before: '[redacted]', after: '[redacted]' });
  });

  test('POST /rollback {generation} and POST /reload', async () => {
    surface = await startSurface();
    surface.source.set('server.port', 9000);
    const reload = await surface.call('/reload', { method: 'POST', token: OPERATOR_TOKEN });
    expect(await reload.json()).toMatchObject({ status: 'changed', generation: 2 });
    const rollback = await surface.call('/rollback', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ generation: 1 }),
    });
    expect(await rollback.json()).toMatchObject({
      status: 'changed',
      generation: 3,
      diff: [{ path: 'server.port', after: 8080 }],
    });
    const unknown = await surface.call('/rollback', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: JSON.stringify({ generation: 99 }),
    });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('UNKNOWN_GENERATION');
    const again = await surface.call('/reload', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      headers: json,
      body: '{"sources":["nope"]}',
    });
    expect(again.status).toBe(400);
  });
});

describe('GET /events', () => {
  test('streams changed and rejected events over a real socket, redacted', async () => {
    surface = await startSurface();
    const response = await fetch(`${surface.base}/events`, {
      headers: { authorization: `Bearer ${READER_TOKEN}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await readUntil('event: hello');
    surface.source.set('database.password', 'rotated-secret-value');
    surface.source.set('server.port', 9100);
    await surface.config.reload();
    await readUntil('event: changed');
    await surface.config.overrides.set('server.port', -1).catch(() => undefined);
    await readUntil('event: rejected');
    await reader.cancel();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('rotated-secret-value');
    const changed = JSON.parse(/event: changed\ndata: (.*)\n/.exec(text)![1]!);
    expect(changed.diff).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'server.port', after: 9100 })]),
    );
    const rejected = JSON.parse(/event: rejected\ndata: (.*)\n/.exec(text)![1]!);
    expect(rejected.error.problems[0]).toMatchObject({ path: 'server.port' });
  });
});
