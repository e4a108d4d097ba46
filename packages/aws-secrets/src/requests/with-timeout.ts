/** Why a request was given up on before the SDK answered. */
export class RequestCancelledError extends Error {
  readonly reason: 'timeout' | 'aborted';
  /** The budget of the whole request (every attempt and retry delay), in ms. */
  readonly budgetMs: number;

  constructor(reason: 'timeout' | 'aborted', budgetMs: number) {
    super(reason === 'timeout' ? `no answer within ${budgetMs} ms` : 'the request was cancelled');
    this.reason = reason;
    this.budgetMs = budgetMs;
  }
}

/**
 * Run `request` with an abort signal that fires after `budgetMs` (0: never) or when any of `signals`
 * aborts, rejecting with {@link RequestCancelledError} at that moment, so a retry delay inside the SDK
 * cannot hold the caller.
 */
export async function withTimeout<T>(
  request: (abortSignal: AbortSignal) => Promise<T>,
  options: { budgetMs: number; signals: readonly AbortSignal[] },
): Promise<T> {
  const controller = new AbortController();
  let cancel: (error: RequestCancelledError) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = reject;
  });
  const abort = (reason: 'timeout' | 'aborted'): void => {
    if (controller.signal.aborted) return;
    const error = new RequestCancelledError(reason, options.budgetMs);
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
