/** What a request's attempts have seen so far, when the caller counts them (an SDK middleware, say). */
export interface AttemptProgress {
  readonly attempts: number;
  readonly lastError: unknown;
}

/** Why a request was given up on before its client answered. */
export class RequestCancelledError extends Error {
  readonly reason: 'timeout' | 'aborted';
  /** The budget of the whole request (every attempt and retry delay), in ms. */
  readonly budgetMs: number;
  /** How many attempts had started, and how the last finished one failed (0 and undefined when not counted). */
  readonly attempts: number;
  readonly lastAttemptError: unknown;

  constructor(reason: 'timeout' | 'aborted', budgetMs: number, progress?: AttemptProgress) {
    super(reason === 'timeout' ? `no answer within ${budgetMs} ms` : 'the request was cancelled');
    this.name = 'RequestCancelledError';
    this.reason = reason;
    this.budgetMs = budgetMs;
    this.attempts = progress?.attempts ?? 0;
    this.lastAttemptError = progress?.lastError;
  }
}

/** Options of {@link withDeadline}. */
export interface DeadlineOptions {
  /** The whole request's budget in ms; 0: no deadline. */
  readonly budgetMs: number;
  /** Any of these aborting cancels the request (a load's signal, a poller's). */
  readonly signals: readonly AbortSignal[];
  /** Read when the request is cancelled, so the error can say what the attempts saw. */
  readonly progress?: AttemptProgress | undefined;
}

/**
 * Run `request` with an abort signal that fires after `budgetMs` or when any of `signals` aborts. Rejects with
 * {@link RequestCancelledError} at that moment, whether or not the client has noticed, so a retry delay inside
 * a vendor's SDK cannot hold the caller. The client's own rejection after the abort is swallowed.
 */
export async function withDeadline<T>(
  request: (abortSignal: AbortSignal) => Promise<T>,
  options: DeadlineOptions,
): Promise<T> {
  const controller = new AbortController();
  let cancel: (error: RequestCancelledError) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = reject;
  });
  const abort = (reason: 'timeout' | 'aborted'): void => {
    if (controller.signal.aborted) return;
    const error = new RequestCancelledError(reason, options.budgetMs, options.progress);
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
    sent.catch(() => {});
    return await Promise.race([sent, cancelled]);
  } finally {
    clearTimeout(timer);
    for (const signal of options.signals) signal.removeEventListener('abort', onAbort);
  }
}
