import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { flagOption, formatChoice, noPositionals, stringsOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { discoverEnvironments } from '../definition/discover-environments.js';
import { checkEnvironment, type EnvironmentReport } from '../report/check-environment.js';
import { formatMultiReport, formatSingleReport } from '../report/format-report.js';
import { jsonText } from '../output/json-text.js';

/** `strata validate`: load one, several or every environment and report every problem. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check the configuration without starting the application',
  usage: '[--env <name>]... [--all-envs] [--strict] [--format text|json]',
  details: [
    'Loads the configuration exactly as the application would (same sources, same validation) and reports',
    'type errors, missing required values, unknown keys (with did-you-mean), keys set in files that the',
    'schema never reads, and deprecated keys in use. Give --env several times, or --all-envs to check every',
    'environment the sources know of (e.g. each config/<env>.yaml) plus those given with --env.',
  ].join('\n'),
  options: {
    env: envOption,
    'all-envs': {
      type: 'boolean',
      description: 'Check every environment the sources know of, plus each --env',
    },
    strict: { type: 'boolean', description: 'Unknown keys are errors, not warnings' },
    format: formatOption(['text', 'json']),
  },
  run: runValidate,
};

async function runValidate(input: CommandInput): Promise<number> {
  noPositionals(input);
  const format = formatChoice(input.values, ['text', 'json']);
  const strict = flagOption(input.values, 'strict');
  const allEnvs = flagOption(input.values, 'all-envs');
  const given = stringsOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  const base = { cwd, env: input.io.env, strict };
  const multiple = allEnvs || given.length > 1;
  const names: (string | undefined)[] = allEnvs
    ? unique([...(await discoverEnvironments(loaded, base)), ...given])
    : [...given];
  if (names.length === 0) names.push(undefined);
  const reports: EnvironmentReport[] = [];
  // One after another: environments share the process (and possibly source objects), and a failure in one
  // must not stop the others.
  for (const environment of names) reports.push(await checkEnvironment(loaded, { ...base, environment }));
  const valid = reports.every((report) => report.valid);
  if (format === 'json') {
    input.io.stdout(`${jsonText({ valid, environments: reports }, 2)}\n`);
  } else {
    input.io.stdout(multiple ? formatMultiReport(reports) : formatSingleReport(reports[0]!));
  }
  return valid ? EXIT_OK : EXIT_PROBLEMS;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
