import { type Config, type ConfigSource, loadConfig } from '@strata/core';
import { layerFromTree } from '@strata/core/source';
import { createLive } from '@strata/events';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limiter.js';
import { LimitsConfig } from '../src/sections.js';

// The limiter reads its limit through a real Live<LimitsConfig> of a real configuration; only the source is
// an in-memory one, so a test can change the limit and reload.
let requestsPerMinute = 2;
const memory: ConfigSource = {
  name: 'memory',
  load: async () =>
    layerFromTree({
      source: 'memory',
      tree: { limits: { requestsPerMinute } },
      originOf: (path) => ({ source: 'memory', locator: path.join('.') }),
    }),
};

let config: Config | undefined;
async function limiterWithLimit(limit: number): Promise<{ limiter: RateLimiter; config: Config }> {
  requestsPerMinute = limit;
  config = await loadConfig({ sections: [LimitsConfig], sources: [memory] }, { env: {}, argv: [] });
  return { limiter: new RateLimiter(createLive(config, LimitsConfig)), config };
}

afterEach(async () => {
  await config?.close();
  config = undefined;
});

describe('RateLimiter', () => {
  it('allows `requestsPerMinute` requests in any 60 s and refuses the next until the oldest leaves', async () => {
    const { limiter } = await limiterWithLimit(2);
    expect(limiter.take('a', 0)).toEqual({ allowed: true, limit: 2, remaining: 1, retryAfterSeconds: 0 });
    expect(limiter.take('a', 10_000)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 0,
      retryAfterSeconds: 0,
    });
    expect(limiter.take('a', 20_000)).toEqual({
      allowed: false,
      limit: 2,
      remaining: 0,
      retryAfterSeconds: 40,
    });
    // A refused request is not counted: at 60 s the first one has left the window.
    expect(limiter.take('a', 60_000).allowed).toBe(true);
    expect(limiter.take('a', 60_001).allowed).toBe(false);
    expect(limiter.take('a', 70_001).allowed).toBe(true);
  });

  it('counts each client on its own', async () => {
    const { limiter } = await limiterWithLimit(1);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 1).allowed).toBe(false);
    expect(limiter.take('b', 2).allowed).toBe(true);
  });

  it('follows the live limit: a lowered limit counts the requests already in the window', async () => {
    const { limiter, config } = await limiterWithLimit(5);
    for (let t = 0; t < 4; t++) expect(limiter.take('a', t * 1000).allowed).toBe(true);

    requestsPerMinute = 2;
    expect((await config.reload()).status).toBe('changed');
    // Four requests at 0, 1, 2 and 3 s: three must leave before one more fits under 2, i.e. until 62 s.
    expect(limiter.take('a', 10_000)).toEqual({
      allowed: false,
      limit: 2,
      remaining: 0,
      retryAfterSeconds: 52,
    });

    requestsPerMinute = 10;
    expect((await config.reload()).status).toBe('changed');
    expect(limiter.take('a', 10_000)).toEqual({
      allowed: true,
      limit: 10,
      remaining: 5,
      retryAfterSeconds: 0,
    });
  });
});
