import { type Config } from '@strata/core';
import { deepEqual } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { formatChoice, noPositionals, stringsOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import type { LoadedDefinition } from '../definition/load-definition.js';
import { openConfig } from '../definition/open-config.js';
import { displayValue } from '../output/display-value.js';
import { jsonText } from '../output/json-text.js';
import { textTable } from '../output/text-table.js';

/** One line of `strata diff`: a value that differs, or a secret with its status only. */
export interface DiffEntry {
  readonly path: string;
  readonly secret: boolean;
  /** Secrets are listed whether or not they differ; other values only when they do. */
  readonly status: 'changed' | 'unchanged';
  /** The value in the first environment; absent for secrets and unset values. */
  readonly left?: unknown;
  /** The value in the second environment; absent for secrets and unset values. */
  readonly right?: unknown;
}

/** `strata diff --env a --env b`: two environments' resolved values side by side. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare the resolved values of two environments (secrets: changed/unchanged only)',
  usage: '--env <a> --env <b> [--format text|json]',
  details:
    'Lists the values that differ, plus every secret as "changed" or "unchanged" without its value. Exits 0\nwhen both environments load, whether or not they differ; 1 when one of them is invalid.',
  options: { env: envOption, format: formatOption(['text', 'json']) },
  run: runDiff,
};

async function runDiff(input: CommandInput): Promise<number> {
  noPositionals(input);
  const format = formatChoice(input.values, ['text', 'json']);
  const names = stringsOption(input.values, 'env');
  if (names.length !== 2) throw CliError.usage('diff compares two environments: --env <a> --env <b>');
  const [left, right] = names as [string, string];
  if (left === right) throw CliError.usage(`diff needs two different environments (got "${left}" twice)`);
  const { cwd, loaded } = await commandDefinition(input);
  const a = await open(loaded, cwd, input, left);
  let entries: DiffEntry[];
  try {
    const b = await open(loaded, cwd, input, right);
    try {
      entries = compare(a, b);
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
  if (format === 'json') {
    input.io.stdout(`${jsonText({ environments: [left, right], differences: entries }, 2)}\n`);
  } else {
    input.io.stdout(formatDiff(entries, left, right));
  }
  return EXIT_OK;
}

async function open(
  loaded: LoadedDefinition,
  cwd: string,
  input: CommandInput,
  environment: string,
): Promise<Config> {
  return (await openConfig(loaded, { cwd, env: input.io.env, environment })).config;
}

/** Compares the unredacted values in memory; a secret's value never leaves this function. */
function compare(a: Config, b: Config): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const field of a.schema.fields) {
    const before = a.snapshot.value(field.path);
    const after = b.snapshot.value(field.path);
    const same = deepEqual(before, after);
    const secret = a.snapshot.isSecret(field.path) || b.snapshot.isSecret(field.path);
    if (secret) {
      entries.push({ path: field.path, secret, status: same ? 'unchanged' : 'changed' });
      continue;
    }
    if (same) continue;
    entries.push({
      path: field.path,
      secret,
      status: 'changed',
      ...(before === undefined ? {} : { left: before }),
      ...(after === undefined ? {} : { right: after }),
    });
  }
  return entries;
}

function formatDiff(entries: readonly DiffEntry[], left: string, right: string): string {
  const changed = entries.filter((entry) => entry.status === 'changed');
  if (entries.length === 0) return `"${left}" and "${right}" have the same values (no secrets)\n`;
  const rows = entries.map((entry) =>
    entry.secret
      ? [entry.path, `(secret) ${entry.status}`, '']
      : [entry.path, displayValue(entry.left), displayValue(entry.right)],
  );
  const header = `${changed.length === 0 ? 'No differences' : `${changed.length} ${changed.length === 1 ? 'value differs' : 'values differ'}`} between "${left}" and "${right}":`;
  return `${[header, '', ...textTable([['path', left, right], ...rows], '  ')].join('\n')}\n`;
}
