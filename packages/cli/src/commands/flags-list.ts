import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { formatChoice, noPositionals, singleOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { openConfig } from '../definition/open-config.js';
import { loadFlagsPackage } from '../flags/load-flags-package.js';
import { jsonText } from '../output/json-text.js';

/** `strata flags list`: every `@Flag` with its type, rule count and description. */
export const flagsListCommand: Command = {
  name: 'list',
  summary: 'List the flags the definition declares, with their type, number of rules and description',
  usage: '[--env <name>] [--format text|json]',
  options: { env: envOption, format: formatOption(['text', 'json']) },
  run: runFlagsList,
};

async function runFlagsList(input: CommandInput): Promise<number> {
  noPositionals(input);
  const format = formatChoice(input.values, ['text', 'json']);
  const { cwd, loaded } = await commandDefinition(input);
  const flagsPackage = await loadFlagsPackage(loaded.file);
  const { config } = await openConfig(loaded, {
    cwd,
    env: input.io.env,
    environment: singleOption(input.values, 'env'),
    strict: false,
  });
  try {
    const flags = flagsPackage.createFlags(config);
    const rows = flags.list().map((flag) => ({
      key: flag.key,
      type: flag.type,
      rules: flags.explain(flag.key)?.rules.length ?? 0,
      description: flag.description,
    }));
    if (format === 'json') {
      input.io.stdout(`${jsonText(rows, 2)}\n`);
      return EXIT_OK;
    }
    if (rows.length === 0) {
      input.io.stdout('No flags: the definition declares no @Flag field.\n');
      return EXIT_OK;
    }
    const width = Math.max(...rows.map((row) => row.key.length));
    const lines = rows.map(
      (row) =>
        `${row.key.padEnd(width)}  ${(row.type ?? '?').padEnd(7)}  ${row.rules === 0 ? 'static  ' : `${String(row.rules).padStart(2)} rules`.padEnd(8)}  ${row.description}`,
    );
    input.io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  } finally {
    await config.close();
  }
}
