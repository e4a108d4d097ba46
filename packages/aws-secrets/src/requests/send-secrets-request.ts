import { withDeadline } from '@strata/core/source';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describeSecretsError, type SecretsRequestDescription } from './describe-secrets-error.js';
import { requestBudgetMs } from './request-budget.js';

/** What every request of one read shares. */
export interface SecretsReadContext {
  /** The source's name, for errors. */
  readonly source: string;
  readonly client: SecretsManagerClient;
  /** Per attempt (`requestTimeoutMs`); 0 disables. */
  readonly timeoutMs: number;
  /** Any of these aborting cancels the request (the load's signal, a poller's). */
  readonly signals: readonly AbortSignal[];
}

/** Send one request within the request budget and the abort signals; turn any failure into a `SourceError`. */
export async function sendSecretsRequest<T>(
  context: SecretsReadContext,
  description: Omit<SecretsRequestDescription, 'source' | 'attemptTimeoutMs'>,
  request: (client: SecretsManagerClient, abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  let attempts = 3;
  try {
    attempts = await context.client.config.maxAttempts();
  } catch {
    // The SDK's default stands.
  }
  try {
    return await withDeadline((abortSignal) => request(context.client, abortSignal), {
      budgetMs: requestBudgetMs(context.timeoutMs, attempts),
      signals: context.signals,
    });
  } catch (error) {
    throw describeSecretsError(error, {
      ...description,
      source: context.source,
      attemptTimeoutMs: context.timeoutMs,
    });
  }
}
