import { withDeadline } from '@strata/core/source';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { AttemptObserver } from './attempt-observer.js';
import { describeSsmError, type SsmRequestDescription } from './describe-ssm-error.js';
import { requestBudgetMs } from './request-budget.js';

/** What every SSM request of one read shares. */
export interface SsmReadContext {
  /** The source's name, for errors. */
  readonly source: string;
  readonly client: SSMClient;
  readonly withDecryption: boolean;
  /** Per attempt (`requestTimeoutMs`); 0 disables. */
  readonly timeoutMs: number;
  /** Any of these aborting cancels the request (the load's signal, a poller's). */
  readonly signals: readonly AbortSignal[];
}

/**
 * Send one request with the timeout and the abort signals; turn any failure into a `SourceError`. The
 * request gets an {@link AttemptObserver} to put on its command, so a timeout can say what the attempts saw.
 */
export async function sendSsmRequest<T>(
  context: SsmReadContext,
  description: Omit<SsmRequestDescription, 'source' | 'withDecryption' | 'attemptTimeoutMs'>,
  request: (client: SSMClient, abortSignal: AbortSignal, observer: AttemptObserver) => Promise<T>,
): Promise<T> {
  const observer = new AttemptObserver();
  const budgetMs = requestBudgetMs(context.timeoutMs, await maxAttemptsOf(context.client));
  try {
    return await withDeadline((abortSignal) => request(context.client, abortSignal, observer), {
      budgetMs,
      signals: context.signals,
      progress: observer,
    });
  } catch (error) {
    throw describeSsmError(error, {
      ...description,
      source: context.source,
      withDecryption: context.withDecryption,
      attemptTimeoutMs: context.timeoutMs,
    });
  }
}

/** The client's `maxAttempts` (a provider once resolved); the SDK's default 3 when it cannot be read. */
async function maxAttemptsOf(client: SSMClient): Promise<number> {
  try {
    const value = await client.config.maxAttempts();
    return Number.isFinite(value) && value >= 1 ? value : 3;
  } catch {
    return 3;
  }
}
