import { RequestCancelledError, withDeadline } from '@strata/core/source';
import { describe, expect, it } from 'vitest';

/** A request that never answers by itself, and records the signal it was given. */
function hanging(): {
  request: (signal: AbortSignal) => Promise<never>;
  signal: () => AbortSignal | undefined;
} {
  let seen: AbortSignal | undefined;
  return {
    request: (signal) => {
      seen = signal;
      return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    },
    signal: () => seen,
  };
}

describe('withDeadline', () => {
  it("passes the request's answer through, and leaves no listener on the caller's signals", async () => {
    const outer = new AbortController();
    let listeners = 0;
    const add = outer.signal.addEventListener.bind(outer.signal);
    outer.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...args);
    }) as AbortSignal['addEventListener'];
    const remove = outer.signal.removeEventListener.bind(outer.signal);
    outer.signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...args);
    }) as AbortSignal['removeEventListener'];
    await expect(withDeadline(async () => 42, { budgetMs: 1_000, signals: [outer.signal] })).resolves.toBe(
      42,
    );
    expect(listeners).toBe(0);
  });

  it('rejects with a timeout naming the budget and what the attempts saw, and aborts the request', async () => {
    const { request, signal } = hanging();
    const lastError = new Error('throttled');
    const error = await withDeadline(request, {
      budgetMs: 30,
      signals: [],
      progress: { attempts: 2, lastError },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestCancelledError);
    expect(error).toMatchObject({
      reason: 'timeout',
      budgetMs: 30,
      attempts: 2,
      lastAttemptError: lastError,
    });
    expect((error as Error).message).toBe('no answer within 30 ms');
    expect(signal()?.aborted).toBe(true);
  });

  it("rejects as cancelled when a caller's signal aborts, even if the client ignores its own signal", async () => {
    const outer = new AbortController();
    const pending = withDeadline(() => new Promise<never>(() => {}), {
      budgetMs: 0,
      signals: [outer.signal],
    });
    outer.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'aborted', attempts: 0 });
    expect((error as Error).message).toBe('the request was cancelled');
  });

  it('does not start the request when a signal has already aborted', async () => {
    let started = false;
    const error = await withDeadline(
      async () => {
        started = true;
        return 1;
      },
      { budgetMs: 0, signals: [AbortSignal.abort()] },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestCancelledError);
    expect(started).toBe(false);
  });
});
