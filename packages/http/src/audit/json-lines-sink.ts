import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AuditRecord, AuditSink } from './audit-record.js';

/** Options of {@link jsonLinesAuditSink}. */
export interface JsonLinesAuditOptions {
  /** The file records are appended to, one JSON object per line. */
  readonly file: string;
  /**
   * Rotate when the file would grow past this many bytes: `audit.log` becomes `audit.log.1`, `.1` becomes
   * `.2`, and so on. @default 10_485_760 (10 MiB)
   */
  readonly maxBytes?: number;
  /** Rotated files kept; older ones are deleted. @default 5 */
  readonly keep?: number;
}

/**
 * An audit sink appending JSON lines to a file, rotated by size. Writes are synchronous on purpose: changes
 * are rare (a handful a minute at most), and a record must be on disk, in order, before the answer to the
 * change that made it (`appendFileSync` with `O_APPEND` gives both without a queue to lose at exit).
 */
export function jsonLinesAuditSink(options: JsonLinesAuditOptions): AuditSink {
  const maxBytes = options.maxBytes ?? 10_485_760;
  const keep = options.keep ?? 5;
  mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  let size = existsSync(options.file) ? statSync(options.file).size : 0;
  return {
    write(record: AuditRecord): void {
      const line = `${JSON.stringify(record)}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) {
        rotate(options.file, keep);
        size = 0;
      }
      appendFileSync(options.file, line, { mode: 0o600 });
      size += bytes;
    },
  };
}

function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(`${file}.${n}`)) renameSync(`${file}.${n}`, `${file}.${n + 1}`);
  }
  if (keep >= 1) renameSync(file, `${file}.1`);
  else rmSync(file, { force: true });
}
