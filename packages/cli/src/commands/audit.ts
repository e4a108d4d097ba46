import { resolve } from 'node:path';
import { printable } from '@strata/core/source';
import { readAuditFile } from '../audit/read-audit-file.js';
import type { AuditLine } from '../audit/read-audit-file.js';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { formatChoice, noPositionals, singleOption } from '../cli/option-values.js';
import { displayValue } from '../output/display-value.js';
import { jsonText } from '../output/json-text.js';

/** `strata audit --file F`: what changed the running configuration, who, when, and whether it was applied. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'Read the audit trail written by @strata/http: every change, who made it, applied or rejected',
  usage: '--file <audit.jsonl> [--path <path>] [--since <time>] [--format text|json]',
  details: [
    'Reads the file and its rotated predecessors (file.1, file.2, …), oldest first. --path keeps records',
    'touching that path or one below it (--path database matches database.url); --since keeps records at or',
    'after an ISO time (2026-12-04T18:00Z) or within a duration back from now (90s, 30m, 12h, 7d). Values',
    'are as the trail recorded them: secrets are [redacted] there already.',
  ].join('\n'),
  options: {
    file: { type: 'string', valueName: '<file>', description: 'The JSON-lines audit file' },
    path: {
      type: 'string',
      valueName: '<path>',
      description: 'Only records touching this path (or below it)',
    },
    since: {
      type: 'string',
      valueName: '<time>',
      description: 'Only records since an ISO time or a duration (30m, 2d)',
    },
    format: formatOption(['text', 'json']),
  },
  noDefinition: true,
  run: runAudit,
};

async function runAudit(input: CommandInput): Promise<number> {
  noPositionals(input);
  const format = formatChoice(input.values, ['text', 'json']);
  const file = singleOption(input.values, 'file');
  if (file === undefined) throw CliError.usage('audit needs the trail to read: --file <audit.jsonl>');
  const path = singleOption(input.values, 'path');
  const sinceText = singleOption(input.values, 'since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, Date.now());
  let read: Awaited<ReturnType<typeof readAuditFile>>;
  try {
    read = await readAuditFile(resolve(input.io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw CliError.usage(`cannot read ${printable(file)}${code ? ` (${code})` : ''}`, { cause: error });
  }
  const records = read.records.filter(
    (record) =>
      (path === undefined || record.paths.some((p) => p === path || p.startsWith(`${path}.`))) &&
      (since === undefined || Date.parse(record.time) >= since),
  );
  for (const where of read.skipped) input.io.stderr(`${printable(where)}: not an audit record, skipped\n`);
  if (format === 'json') input.io.stdout(`${jsonText(records, 2)}\n`);
  else input.io.stdout(formatRecords(records));
  return EXIT_OK;
}

/** An ISO time, or a duration back from `now` (`90s`, `30m`, `12h`, `7d`). */
function parseSince(text: string, now: number): number {
  const duration = /^(\d+)(s|m|h|d)$/.exec(text);
  if (duration) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(duration[1]) * unit;
  }
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    throw CliError.usage(
      `--since takes an ISO time (2026-12-04T18:00Z) or a duration (30m, 12h, 7d), not "${printable(text)}"`,
    );
  }
  return time;
}

function formatRecords(records: readonly AuditLine[]): string {
  if (records.length === 0) return 'No audit records match.\n';
  const lines: string[] = [];
  for (const record of records) {
    const head = [
      record.time,
      `gen ${record.generation}`,
      record.action,
      record.result,
      `by ${record.actor}`,
    ];
    lines.push(printable(head.join('  ')));
    for (const change of record.changes) {
      lines.push(
        printable(`    ${change.path}: ${displayValue(change.before)} -> ${displayValue(change.after)}`),
      );
    }
    if (record.changes.length === 0 && record.paths.length > 0)
      lines.push(printable(`    paths: ${record.paths.join(', ')}`));
    if (record.error)
      lines.push(printable(`    ${record.error.code}: ${record.error.message.split('\n')[0]}`));
  }
  return `${lines.join('\n')}\n`;
}
