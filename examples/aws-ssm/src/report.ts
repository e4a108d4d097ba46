import {
  type ChangedEvent,
  type Config,
  formatOrigin,
  type RejectedEvent,
  type SourceFailedEvent,
} from '@strata/core';

/** Print why `path` has its value: the winner and every candidate, secrets redacted by `explain`. */
export function printExplanation(config: Config, path: string): void {
  const why = config.explain(path);
  if (!why) return;
  console.log(`\nWhy is ${path} ${String(why.value)}?`);
  for (const candidate of why.candidates) {
    const mark = candidate.winner ? '→' : ' ';
    console.log(`  ${mark} ${String(candidate.value)} from ${formatOrigin(candidate.origin)}`);
  }
}

/** Print a `changed` event the way an application would log it: paths, redacted values, origins. */
export function printChange(event: ChangedEvent): void {
  const why = event.reasons.map((reason) => reason.detail).join(', ');
  console.log(
    `\nChange applied: generation ${event.generation} (was ${event.previousGeneration}), because ${why}`,
  );
  for (const change of event.diff) {
    const from = change.origin ? `  (${formatOrigin(change.origin)})` : '';
    console.log(`  ${change.path}: ${String(change.before)} → ${String(change.after)}${from}`);
  }
}

/** Resolve with the next `changed` or `rejected` event, or undefined after `timeoutMs`. */
export function nextChange(
  config: Config,
  timeoutMs: number,
  onFailure?: (event: SourceFailedEvent) => void,
): Promise<ChangedEvent | RejectedEvent | undefined> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const finish = (event: ChangedEvent | RejectedEvent | undefined): void => {
      clearTimeout(timer);
      for (const off of offs) off();
      resolve(event);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    offs.push(config.on('changed', finish), config.on('rejected', finish));
    if (onFailure) offs.push(config.on('sourceFailed', onFailure));
  });
}
