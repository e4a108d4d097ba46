import type { Config } from '@strata/core';

/** `GET /history`: the generations kept, newest last, each with its diff (redacted) and reasons. */
export function historyView(config: Config): Record<string, unknown> {
  return {
    generation: config.generation,
    entries: config.history().map((entry) => ({
      generation: entry.generation,
      createdAt: entry.createdAt.toISOString(),
      diff: entry.diff,
      reasons: entry.reasons,
    })),
  };
}
