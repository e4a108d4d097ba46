import { formatIssue, formatOrigin, ConfigValidationError, type Change } from '@strata/core';
import { formatValue } from '@strata/core/source';
import type { EventBridge, Unsubscribe } from '@strata/events';

/**
 * Log the configuration's events through `log`, one line each. Only what the event payloads carry is
 * printed: diff values and validation issues arrive with secrets already `[redacted]`.
 */
export function logConfigEvents(bridge: EventBridge, log: (line: string) => void): Unsubscribe[] {
  return [
    bridge.on('changed', (event) => {
      const changes = event.diff.map(describeChange).join('; ');
      log(`config changed: generation ${event.generation} (was ${event.previousGeneration}): ${changes}`);
    }),
    bridge.on('rejected', (event) => {
      const problems = ConfigValidationError.is(event.error)
        ? event.error.issues.map(formatIssue).join('; ')
        : (event.error.message.split('\n')[0] ?? event.error.code);
      log(`config rejected: ${problems}; keeping generation ${event.generation}`);
    }),
    bridge.on('restartRequired', (event) => {
      log(
        `config restartRequired: ${event.paths.join(', ')} changed; the running service keeps the old value until it is restarted`,
      );
    }),
    bridge.on('sourceFailed', (event) => {
      const retry = event.willRetry ? ' (will retry)' : '';
      log(`config sourceFailed: ${event.source}: ${event.error.message.split('\n')[0]}${retry}`);
    }),
    bridge.on('sourceRecovered', (event) => {
      log(`config sourceRecovered: ${event.source}`);
    }),
  ];
}

/** `greeting.text: "hello" → "bonjour" (file config/default.yaml:5:9)` */
function describeChange(change: Change): string {
  const where = change.origin ? ` (${formatOrigin(change.origin)})` : ' (default)';
  return `${change.path}: ${formatValue(change.before, change.secret)} → ${formatValue(change.after, change.secret)}${where}`;
}
