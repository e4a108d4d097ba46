import { setImmediate as flush } from 'node:timers/promises';
import { type SourceSignals } from '@strata/core';
import {
  backoffDelay,
  jitterInterval,
  type PollClock,
  type PollHealth,
  type PollingOptions,
  SourceHealth,
  startPolling,
} from '@strata/core/source';
import { afterEach, describe, expect, it } from 'vitest';

/** A clock the test moves by hand: time stands still until the test fires the pending timer. */
function manualClock(start = 1_000_000) {
  let now = start;
  const timers: { at: number; delayMs: number; run: () => void; cancelled: boolean }[] = [];
  const clock: PollClock = {
    now: () => now,
    setTimer(run, delayMs) {
      const timer = { at: now + delayMs, delayMs, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  };
  const pending = () => timers.filter((t) => !t.cancelled);
  return {
    clock,
    pending,
    /** The delays asked for so far, in order. */
    delays: () => timers.map((t) => t.delayMs),
    /** Move to the pending timer, run it and let the attempt settle. */
    async fire() {
      const [timer, ...more] = pending();
      if (timer === undefined || more.length > 0)
        throw new Error(`expected one pending timer, got ${pending().length}`);
      timer.cancelled = true;
      now = timer.at;
      timer.run();
      await flush();
      await flush();
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

const half = () => 0.5;
const pollers: { dispose(): void }[] = [];
afterEach(() => {
  for (const poller of pollers.splice(0)) poller.dispose();
});

function poll(options: Partial<PollingOptions> & Pick<PollingOptions, 'poll'>, clock: PollClock) {
  const poller = startPolling({ intervalMs: 1000, random: half, clock, ...options });
  pollers.push(poller);
  return poller;
}

describe('backoffDelay (full jitter)', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 };

  it('draws from zero to the capped exponential window, in whole milliseconds', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(0);
    expect(backoffDelay(1, policy, () => 0.999)).toBe(100);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(3, policy, () => 0.333)).toBe(133);
    expect(backoffDelay(30, policy, () => 0.999_999)).toBe(1000);
    expect(backoffDelay(1000, policy, () => 0.5)).toBe(500);
  });

  it('fills in the defaults: 1 s doubling to 5 minutes', () => {
    expect(backoffDelay(2, {}, () => 0.5)).toBe(1000);
    expect(backoffDelay(40, { multiplier: undefined }, () => 0.5)).toBe(150_000);
  });
});

describe('jitterInterval', () => {
  it('moves the interval by at most the ratio, in whole milliseconds', () => {
    expect(jitterInterval(1000, 0.1, () => 0)).toBe(900);
    expect(jitterInterval(1000, 0.1, () => 0.999_999)).toBe(1100);
    expect(jitterInterval(1000, 0.1, () => 0.333)).toBe(967);
    expect(jitterInterval(1000, 0, () => 0.9)).toBe(1000);
  });
});

describe('startPolling', () => {
  it('polls every jittered interval and records each success', async () => {
    const time = manualClock();
    let calls = 0;
    const poller = poll({ poll: async () => void calls++, random: () => 0 }, time.clock);
    expect(poller.health()).toMatchObject({ state: 'waiting', nextAttemptAt: time.clock.now() + 900 });
    await time.fire();
    await time.fire();
    expect(calls).toBe(2);
    expect(time.delays()).toEqual([900, 900, 900]);
    expect(poller.health()).toMatchObject({
      state: 'waiting',
      lastSuccessAt: 1_001_800,
      consecutiveFailures: 0,
      lastError: undefined,
      stale: false,
    });
  });

  it('backs off after failures, reports each one, and reports the recovery once', async () => {
    const time = manualClock();
    const outcomes = [false, false, false, true, true];
    const failures: [string, number][] = [];
    const recoveries: PollHealth[] = [];
    const poller = poll(
      {
        poll: async () => {
          if (!outcomes.shift()) throw new Error('store down');
        },
        backoff: { initialDelayMs: 100, maxDelayMs: 300 },
        onFailure: (error, health) => failures.push([error.message, health.consecutiveFailures]),
        onRecovery: (health) => recoveries.push(health),
      },
      time.clock,
    );
    for (let i = 0; i < 5; i++) await time.fire();
    // interval 1000 (±0 at random 0.5), then 50, 100, 150 (full jitter at 0.5 of 100, 200, 300 capped), then interval.
    expect(time.delays()).toEqual([1000, 50, 100, 150, 1000, 1000]);
    expect(failures).toEqual([
      ['store down', 1],
      ['store down', 2],
      ['store down', 3],
    ]);
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]).toMatchObject({ consecutiveFailures: 0, lastError: { message: 'store down' } });
    expect(poller.health().lastFailureAt).toBe(1_001_150);
  });

  it('waits at least what the error asks for (Retry-After), never past the backoff cap', async () => {
    const time = manualClock();
    const hints = [700, 5000, 10];
    poll(
      {
        poll: async () => {
          throw Object.assign(new Error('rate limited'), { retryAfterMs: hints.shift() });
        },
        backoff: { initialDelayMs: 100, maxDelayMs: 2000 },
      },
      time.clock,
    );
    for (let i = 0; i < 3; i++) await time.fire();
    expect(time.delays()).toEqual([1000, 700, 2000, 200]);
  });

  it('finds the hint on a wrapped cause, or asks the retryAfterMs option', async () => {
    const time = manualClock();
    const inner = Object.assign(new Error('429'), { retryAfterMs: 640 });
    poll(
      {
        poll: async () => {
          throw new Error('reading failed', { cause: inner });
        },
        backoff: { initialDelayMs: 10 },
      },
      time.clock,
    );
    await time.fire();
    const other = manualClock();
    poll(
      {
        poll: async () => {
          throw new Error('throttled');
        },
        retryAfterMs: (error) => (error.message === 'throttled' ? 333 : undefined),
        backoff: { initialDelayMs: 10 },
      },
      other.clock,
    );
    await other.fire();
    expect(time.delays()).toEqual([1000, 640]);
    expect(other.delays()).toEqual([1000, 333]);
  });

  it('waits the delay a successful attempt asks for, and can start at once', async () => {
    const time = manualClock();
    poll({ poll: async () => ({ nextDelayMs: 2500 }), immediate: true }, time.clock);
    await time.fire();
    expect(time.delays()).toEqual([0, 2500]);
  });

  it('turns stale after staleAfterMs without a success', async () => {
    const time = manualClock();
    const poller = poll(
      {
        poll: async () => {
          throw 'not an Error';
        },
        staleAfterMs: 1500,
      },
      time.clock,
    );
    expect(poller.health().stale).toBe(false);
    await time.fire();
    expect(poller.health().lastError).toEqual(new Error('not an Error'));
    time.advance(501);
    expect(poller.health().stale).toBe(true);
  });

  it('on dispose aborts the attempt in flight, reports nothing for it and schedules nothing', async () => {
    const time = manualClock();
    let seen: AbortSignal | undefined;
    const reports: string[] = [];
    const poller = poll(
      {
        poll: (signal) => {
          seen = signal;
          return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        },
        onFailure: () => reports.push('failure'),
        onRecovery: () => reports.push('recovery'),
      },
      time.clock,
    );
    const firing = time.fire();
    expect(poller.health().state).toBe('polling');
    poller.dispose();
    await firing;
    expect(seen?.aborted).toBe(true);
    expect(reports).toEqual([]);
    expect(time.pending()).toEqual([]);
    expect(poller.health()).toMatchObject({ state: 'stopped', nextAttemptAt: undefined });
    poller.dispose();
  });

  it('stops when the given signal aborts, and never starts on an aborted one', async () => {
    const time = manualClock();
    const controller = new AbortController();
    const poller = poll({ poll: async () => {}, signal: controller.signal }, time.clock);
    controller.abort();
    expect(poller.health().state).toBe('stopped');
    expect(time.pending()).toEqual([]);
    const late = poll({ poll: async () => {}, signal: controller.signal }, time.clock);
    expect(late.health().state).toBe('stopped');
    expect(time.pending()).toEqual([]);
  });

  it('keeps polling when a hook throws', async () => {
    const time = manualClock();
    let calls = 0;
    poll(
      {
        poll: async () => {
          calls++;
          throw new Error('down');
        },
        onFailure: () => {
          throw new Error('hook broke');
        },
      },
      time.clock,
    );
    await time.fire();
    await time.fire();
    expect(calls).toBe(2);
    expect(time.pending()).toHaveLength(1);
  });

  it('refuses an interval that is not a positive number', () => {
    expect(() => startPolling({ intervalMs: 0, poll: async () => {} })).toThrow(/intervalMs must be/);
  });

  it('with real timers: dispose leaves no timer behind and no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // The default clock unrefs its timers, which hides them from getActiveResourcesInfo; this one does not.
    // It also counts the poller's armed timers: with 1-5 ms delays, the process-wide count alone may catch
    // the moment between a timer firing and the next one being armed.
    let armed = 0;
    const refClock: PollClock = {
      now: () => Date.now(),
      setTimer(run, delayMs) {
        armed++;
        let settled = false;
        const settle = () => {
          if (!settled) armed--;
          settled = true;
        };
        const timer = setTimeout(() => {
          settle();
          run();
        }, delayMs);
        return () => {
          settle();
          clearTimeout(timer);
        };
      },
    };
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    let attempts = 0;
    let sawAttempt: () => void = () => {};
    const twoAttempts = new Promise<void>((resolve) => {
      sawAttempt = resolve;
    });
    const poller = startPolling({
      intervalMs: 5,
      backoff: { initialDelayMs: 1, maxDelayMs: 5 },
      clock: refClock,
      poll: async () => {
        attempts++;
        if (attempts === 2) sawAttempt();
        return Promise.reject(new Error('always failing'));
      },
      onFailure: () => Promise.reject(new Error('a hook returning a rejected promise')),
    });
    await twoAttempts;
    await flush();
    poller.dispose();
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(armed).toBe(0);
    // Process-wide: another timer of the worker may end meanwhile, so "no more than before", not "as many".
    expect(timeouts()).toBeLessThanOrEqual(before);
    await flush();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});

describe('SourceHealth', () => {
  function recording() {
    const events: string[] = [];
    const signals: SourceSignals = {
      changed: () => events.push('changed'),
      failed: (error, willRetry) => events.push(`failed ${error.message} ${willRetry}`),
      recovered: () => events.push('recovered'),
    };
    return { events, signals };
  }

  it('signals one failure per outage across kinds of work, and recovers when all work again', () => {
    const { events, signals } = recording();
    const health = new SourceHealth('vault:secret/app');
    health.attach(signals);
    health.fail('poll', new Error('sealed'), true);
    health.fail('auth', new Error('token expired'), true);
    health.fail('poll', new Error('sealed'), true);
    health.ok('poll');
    expect(health.failing).toBe(true);
    health.ok('auth');
    health.ok('auth');
    expect(events).toEqual(['failed sealed true', 'recovered']);
    expect(health.failing).toBe(false);
  });

  it('reports the recovery from a failure it was told of but did not report', () => {
    const { events, signals } = recording();
    const health = new SourceHealth('aws-ssm:/app/');
    health.attach(signals);
    health.markFailing('load');
    expect(events).toEqual([]);
    health.ok('load');
    expect(events).toEqual(['recovered']);
  });

  it('only logs while no signals are attached', () => {
    const health = new SourceHealth('aws-ssm:/app/');
    const logged: string[] = [];
    const log = (message: string) => logged.push(message);
    health.useLogger({ debug: log, info: log, warn: log, error: log });
    health.fail('poll', new Error('throttled'), true);
    health.ok('poll');
    expect(logged).toEqual(['throttled', 'aws-ssm:/app/: works again']);
  });
});
