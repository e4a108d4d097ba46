import type { AuditRecord, AuditSink } from './audit-record.js';

/** The part of a pino (or pino-compatible) logger an audit sink uses: `info(object, message)`. */
export interface AuditLogger {
  info(object: object, message: string): void;
}

/**
 * An audit sink writing through the application's logger: one `info` line per record, the record under
 * `audit` (`logger.child({ component: 'strata' })` works as well as the root logger).
 */
export function loggerAuditSink(logger: AuditLogger): AuditSink {
  return {
    write(record: AuditRecord): void {
      logger.info({ audit: record }, `strata audit: ${record.action} ${record.result} by ${record.actor}`);
    },
  };
}
