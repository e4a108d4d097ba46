import type { Logger } from '@strata/core';

/** One logged line. */
export interface LogLine {
  /** The logger method that was called. */
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  /** The message. */
  readonly message: string;
  /** The structured fields, when any were given. */
  readonly fields: Record<string, unknown> | undefined;
}

/** A {@link Logger} that keeps every line, for tests that assert what was logged (or that nothing leaked). */
export interface RecordingLogger extends Logger {
  /** Every call, in order. */
  readonly lines: LogLine[];
}

/** A logger that keeps every line in {@link RecordingLogger.lines}. */
export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
