import type { AttemptObserver } from './attempt-observer.js';

/** Why a request was given up on before the SDK answered. */
export class RequestCancelledError extends Error {
  readonly reason: 'timeout' | 'aborted';
  /** The budget of the whole request (every attempt and retry delay), in ms. */
  readonly budgetMs: number;
  /** How many attempts had started, and how the last finished one failed. */
  readonly attempts: number;
  readonly lastAttemptError: unknown;

  constructor(reason: 'timeout' | 'aborted', budgetMs: number, observer?: AttemptObserver) {
    super(reason === 'timeout' ? `no answer within ${budgetMs} ms` : 'the request was cancelled');
    this.reason = reason;
    this.budgetMs = budgetMs;
    this.attempts = observer?.attempts ?? 0;
    this.lastAttemptError = observer?.lastError;
  }
}

/**
 * Run `request` with an abort signal that fires after `budgetMs` (0: never) or when any of `signals`
 * aborts. Rejects with {@link RequestCancelledError} at that moment, whether or not the SDK has noticed,
 * so a retry delay inside the SDK cannot hold the caller.
 */
export async function withTimeout<T>(
  request: (abortSignal: AbortSignal) => Promise<T>,
  options: { budgetMs: number; signals: readonly AbortSignal[]; observer?: AttemptObserver },
): Promise<T> {
  const controller = new AbortController();
  let cancel: (error: RequestCancelledError) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = reject;
  });
  const abort = (reason: 'timeout' | 'aborted'): void => {
    if (controller.signal.aborted) return;
    const error = new RequestCancelledError(reason, options.budgetMs, options.observer);
    controller.abort(error);
    cancel(error);
  };
  const onAbort = (): void => abort('aborted');
  for (const signal of options.signals) {
    if (signal.aborted) abort('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  const timer = options.budgetMs > 0 ? setTimeout(() => abort('timeout'), options.budgetMs) : undefined;
  try {
    if (controller.signal.aborted) return await cancelled;
    const sent = request(controller.signal);
    // The SDK's own rejection after an abort is expected and must not surface as unhandled.
    sent.catch(() => {});
    return await Promise.race([sent, cancelled]);
  } finally {
    clearTimeout(timer);
    for (const signal of options.signals) signal.removeEventListener('abort', onAbort);
  }
}
