import { formatIssue, type Issue } from '@strata/core';

/** `warning: …` lines for standard error: the snapshot's warnings and the engine's notes. */
export function formatWarnings(warnings: readonly Issue[], notes: readonly string[] = []): string {
  const lines = [
    ...warnings.map((issue) => `warning: ${formatIssue(issue)}`),
    ...notes.map((note) => `note: ${note}`),
  ];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
