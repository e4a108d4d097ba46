import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { tokenDigest } from '../src/index.js';
import { errorOf, OPERATOR_TOKEN, READER_TOKEN, type Surface, startSurface } from './support/surface.js';

// Records the operands of every constant-time comparison while still running Node's own implementation:
// the structural check that a wrong token's timing cannot depend on how much of it matches.
const comparisons = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    timingSafeEqual(a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean {
      comparisons.push([a.byteLength, b.byteLength]);
      return crypto.timingSafeEqual(a, b);
    },
  };
});

let surface: Surface;
afterEach(async () => {
  await surface?.close();
});

describe('authentication', () => {
  test('off loopback nothing is served without a bearer token, health included', async () => {
    surface = await startSurface();
    for (const path of [
      '/config',
      '/health/ready',
      '/health/live',
      '/metrics',
      '/events',
      '/history',
      '/schema',
    ]) {
      const response = await surface.call(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await errorOf(response)).code).toBe('UNAUTHORIZED');
    }
    // An unknown peer address counts as remote.
    expect((await surface.call('/config', { from: '' })).status).toBe(401);
  });

  test('publicHealth opens the health endpoints only', async () => {
    surface = await startSurface({ publicHealth: true });
    expect((await surface.call('/health/ready')).status).toBe(200);
    expect((await surface.call('/config')).status).toBe(401);
  });

  test('on loopback (a real socket from 127.0.0.1) reads need no token; writes do', async () => {
    surface = await startSurface();
    expect((await fetch(`${surface.base}/config`)).status).toBe(200);
    const write = await fetch(`${surface.base}/reload`, { method: 'POST' });
    expect(write.status).toBe(401);
    expect((await surface.call('/config', { from: '::ffff:127.0.0.1' })).status).toBe(200);
  });

  test('loopbackReads: false asks loopback for a token too', async () => {
    surface = await startSurface({ loopbackReads: false });
    expect((await fetch(`${surface.base}/config`)).status).toBe(401);
  });

  test('a wrong token is 401, on loopback as well', async () => {
    surface = await startSurface();
    expect((await surface.call('/config', { token: `${READER_TOKEN}x` })).status).toBe(401);
    expect((await surface.call('/config', { token: 'wrong', from: '127.0.0.1' })).status).toBe(401);
    expect((await surface.call('/config', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  test('tokens are kept as SHA-256 digests: a digest in the configuration authenticates the token', async () => {
    const token = 'digest-configured-token-0123456789';
    const sha256 = createHash('sha256').update(token).digest('hex');
    surface = await startSurface({ tokens: [{ name: 'by-digest', role: 'reader', sha256 }] });
    expect((await surface.call('/config', { token })).status).toBe(200);
    expect((await surface.call('/config', { token: sha256 })).status).toBe(401);
  });

  test('a presented token is compared as a 32-byte digest against every stored digest, whatever its length or prefix', async () => {
    surface = await startSurface();
    const presented = [
      '',
      'x',
      READER_TOKEN.slice(0, 10),
      READER_TOKEN.slice(0, -1),
      `${READER_TOKEN}${'y'.repeat(500)}`,
      READER_TOKEN,
    ];
    for (const token of presented) {
      comparisons.length = 0;
      await surface.call('/config', { headers: { authorization: `Bearer ${token || '-'}` } });
      // Two configured tokens: both compared every time (no early exit), always 32 bytes against 32 bytes.
      expect(comparisons).toEqual([
        [32, 32],
        [32, 32],
      ]);
    }
    expect(tokenDigest('a').byteLength).toBe(tokenDigest('a'.repeat(10_000)).byteLength);
  });

  test('a token without a name, role or enough length is refused when the handler is created', async () => {
    await expect(startSurface({ tokens: [{ name: 'short', role: 'reader', token: 'abc' }] })).rejects.toThrow(
      /at least 16/,
    );
    await expect(
      startSurface({ tokens: [{ name: 'x', role: 'admin' as 'reader', token: READER_TOKEN }] }),
    ).rejects.toThrow(/"role"/);
  });

  test('cookies play no part: a cookie does not authenticate, and no answer sets one', async () => {
    surface = await startSurface();
    const response = await surface.call('/config', { headers: { cookie: `token=${READER_TOKEN}` } });
    expect(response.status).toBe(401);
    const ok = await surface.call('/config', { token: READER_TOKEN });
    expect(ok.headers.get('set-cookie')).toBeNull();
  });
});

describe('roles', () => {
  test('a reader reads and cannot write (403); an operator writes', async () => {
    surface = await startSurface();
    expect((await surface.call('/config', { token: READER_TOKEN })).status).toBe(200);
    const denied = await surface.call('/reload', { method: 'POST', token: READER_TOKEN });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).code).toBe('FORBIDDEN');
    expect((await surface.call('/reload', { method: 'POST', token: OPERATOR_TOKEN })).status).toBe(200);
  });
});

describe('requests', () => {
  test('a body over maxBodyBytes is 413, declared or streamed over a real socket', async () => {
    surface = await startSurface({ limits: { maxBytes: 100 } });
    const big = JSON.stringify({ values: { 'log.level': 'x'.repeat(200) } });
    const declared = await surface.call('/validate', { method: 'POST', token: OPERATOR_TOKEN, body: big });
    expect(declared.status).toBe(413);
    // Chunked, no Content-Length: counted while reading.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await fetch(`${surface.base}/validate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).code).toBe('INPUT_LIMIT');
  });

  test('malformed JSON is 400 naming the problem and its position, never quoting the body', async () => {
    surface = await startSurface();
    const response = await surface.call('/validate', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: '{"values": {"database.password": "leaky-secret-text" oops}}',
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('MALFORMED_JSON');
    expect(error.message).toMatch(/line 1, column \d+/);
    expect(error.message).not.toContain('leaky-secret-text');
    const empty = await surface.call('/validate', { method: 'POST', token: OPERATOR_TOKEN, body: '' });
    expect((await errorOf(empty)).message).toMatch(/empty/);
    const notJson = await surface.call('/validate', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(notJson.status).toBe(415);
  });

  test('an unknown path is 404, inside the prefix or outside it', async () => {
    surface = await startSurface();
    for (const path of ['/nope', '/config/a/b', '/ui-nope']) {
      const response = await surface.call(path, { token: READER_TOKEN });
      expect(response.status, path).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
    const outside = await surface.handler.fetch(new Request('http://x/elsewhere'), {
      remoteAddress: '127.0.0.1',
    });
    expect(outside.status).toBe(404);
  });

  test('a wrong method is 405 with Allow', async () => {
    surface = await startSurface();
    const response = await surface.call('/config', { method: 'POST', token: OPERATOR_TOKEN, body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    const put = await surface.call('/overrides/log.level', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: '{}',
    });
    expect(put.headers.get('allow')).toBe('PUT, DELETE');
  });

  test('writes are rate-limited per token: 429 with Retry-After once the bucket is empty', async () => {
    let now = 1_000_000;
    surface = await startSurface({ writeRate: { burst: 2, perSecond: 0.5 }, now: () => now });
    const write = () => surface.call('/reload', { method: 'POST', token: OPERATOR_TOKEN });
    expect((await write()).status).toBe(200);
    expect((await write()).status).toBe(200);
    const limited = await write();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    // Reads are not limited.
    expect((await surface.call('/config', { token: OPERATOR_TOKEN })).status).toBe(200);
    now += 2_000;
    expect((await write()).status).toBe(200);
  });

  test('a prefix can be changed', async () => {
    surface = await startSurface({ prefix: 'ops/' });
    expect(surface.handler.prefix).toBe('/ops');
    expect((await surface.call('/config', { token: READER_TOKEN })).status).toBe(200);
  });
});

describe('request bodies', () => {
  test('a body with __proto__ at any level is refused with UNSAFE_KEY and nothing is polluted', async () => {
    surface = await startSurface();
    const response = await surface.call('/validate', {
      method: 'POST',
      token: OPERATOR_TOKEN,
      body: '{"values": {"server": {"__proto__": {"polluted": "yes"}}}}',
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('UNSAFE_KEY');
    expect(error.message).toContain('Refusing key "values.server.__proto__" from http request body');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
