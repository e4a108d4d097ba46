import { describe, expect, it } from 'vitest';
import { vaultSource } from '../src/index.js';
import { retryAfterMs } from '../src/http/retry-after.js';
import { rejectionOf, sourceContext, valuesOf } from '@strata-internal/test-support';
import { useVault } from './support/use-vault.js';

const vault = useVault();
const token = 'hvs.retry-hints-token-01';
const secrets = { 'secret/app/production': { password: 'p4ss' } };
const data = '/v1/secret/data/app/production';

function source(address: string, extra: Partial<Parameters<typeof vaultSource>[0]> = {}) {
  return vault.track(
    vaultSource({
      address,
      kv: 2,
      auth: { method: 'token', token },
      secrets: [{ path: 'secret/app/{env}' }],
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 2000 },
      ...extra,
    }),
  );
}

describe('Retry-After, 412 and the mount lookup', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:02 GMT', now)).toBe(2000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('waits at least the first backoff step after Retry-After: 0 instead of retrying in a burst', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault(
      { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
      { times: 3, path: data },
    );
    expect(valuesOf(await source(server.url).load(sourceContext()))).toEqual({ password: 'p4ss' });
    const times = server.requests({ path: data }).map((r) => r.time);
    expect(times).toHaveLength(4);
    // Timers never fire early, so the lower bound holds on any machine.
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(99);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    // HTTP dates have whole seconds: two seconds ahead is at least one second away.
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toUTCString();
    server.injectFault(
      { kind: 'status', status: 503, headers: { 'Retry-After': at } },
      { times: 1, path: data },
    );
    expect(
      valuesOf(
        await source(server.url, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5000 } }).load(
          sourceContext(),
        ),
      ),
    ).toEqual({ password: 'p4ss' });
    const [first, second] = server.requests({ path: data });
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(1000);
  });

  it('retries 412 from a performance standby that has not caught up', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    server.injectFault(
      { kind: 'status', status: 412, errors: ['required index state not present'] },
      { times: 2, path: data },
    );
    expect(valuesOf(await source(server.url).load(sourceContext()))).toEqual({ password: 'p4ss' });
    expect(server.requests({ path: data }).map((r) => r.status)).toEqual([412, 412, 200]);
  });

  it('says a mount may not exist when the mount lookup answers the preflight 403', async () => {
    const server = await vault.server({ secrets, tokens: [token] });
    const error = await rejectionOf(
      source(server.url, { kv: 'auto', secrets: [{ path: 'secrte/app/{env}' }] }).load(sourceContext()),
    );
    expect(error.message).toContain('preflight capability check returned 403');
    expect(error.message).toContain('The mount of "secrte/app/production" may not exist');
    expect(error.message).not.toContain('grant it on');
  });
});
