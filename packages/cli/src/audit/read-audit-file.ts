import { readFile } from 'node:fs/promises';

/** An audit record as `@strata/http` writes it (the fields `strata audit` shows; others are kept as read). */
export interface AuditLine {
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly paths: readonly string[];
  readonly changes: readonly { readonly path: string; readonly before: unknown; readonly after: unknown }[];
  readonly generation: number;
  readonly result: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/** What was read: the records, oldest first, and the lines that were not records (`file:line`). */
export interface AuditFile {
  readonly records: AuditLine[];
  readonly skipped: string[];
}

/**
 * The records of an audit trail: `file` and its rotated predecessors (`file.N` … `file.1`, oldest first, as
 * the JSON-lines sink names them), so a query spans a rotation. A line that is not a record is skipped and
 * named, not fatal: a crash can leave a last line cut short.
 */
export async function readAuditFile(file: string): Promise<AuditFile> {
  const rotated: string[] = [];
  for (let n = 1; ; n++) {
    const text = await readFile(`${file}.${n}`, 'utf8').catch(() => undefined);
    if (text === undefined) break;
    rotated.unshift(`${file}.${n}`);
  }
  const records: AuditLine[] = [];
  const skipped: string[] = [];
  for (const name of [...rotated, file]) {
    const text = await readFile(name, 'utf8');
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (line.trim().length === 0) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (isAuditLine(parsed)) records.push(parsed);
      else skipped.push(`${name}:${index + 1}`);
    });
  }
  return { records, skipped };
}

function isAuditLine(value: unknown): value is AuditLine {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['time'] === 'string' &&
    typeof record['actor'] === 'string' &&
    typeof record['action'] === 'string' &&
    typeof record['result'] === 'string' &&
    typeof record['generation'] === 'number' &&
    Array.isArray(record['paths']) &&
    record['paths'].every((path) => typeof path === 'string') &&
    Array.isArray(record['changes'])
  );
}
