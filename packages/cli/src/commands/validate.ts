import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { flagOption, formatChoice, noPositionals, stringsOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { environmentOf } from '../definition/definition-setup.js';
import { discoverEnvironments } from '../definition/discover-environments.js';
import { checkEnvironment, type EnvironmentReport } from '../report/check-environment.js';
import { formatMultiReport, formatSingleReport } from '../report/format-report.js';
import { jsonText } from '../output/json-text.js';

/** `strata validate`: load one, several or every environment and report every problem. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check the configuration without starting the application',
  usage: '[--env <name>]... [--all-envs] [--dotenv-all] [--strict] [--format text|json]',
  details: [
    'Loads the configuration exactly as the application would (same sources, same validation) and reports',
    'type errors, missing required values, unknown keys (with did-you-mean), keys set in files that the',
    'schema never reads, and deprecated keys in use. Give --env several times, or --all-envs to check every',
    'environment the sources know of (e.g. each config/<env>.yaml), the default environment (the one a run',
    'without NODE_ENV uses) and those given with --env.',
    '',
    "Shared .env files (.env, .env.local) hold a developer's values: they are read for the default environment",
    'only, so that production is not checked with a local password; files named for an environment',
    '(.env.production) are read for it. --dotenv-all reads the shared files for every environment. The report',
    'says which environments took values from .env files and which left them out.',
  ].join('\n'),
  options: {
    env: envOption,
    'all-envs': {
      type: 'boolean',
      description: 'Check every environment the sources know of and the default one, plus each --env',
    },
    'dotenv-all': {
      type: 'boolean',
      description: 'Read shared .env files for every environment, not only the default one',
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
  const dotenvAll = flagOption(input.values, 'dotenv-all');
  const given = stringsOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  const base = { cwd, env: input.io.env, strict };
  const multiple = allEnvs || given.length > 1;
  // What a run without --env (and without NODE_ENV on a server) checks: it has values even with no
  // profile file of its own, so --all-envs checks it too.
  const defaultName = environmentOf(loaded.definition, { ...base, environment: undefined });
  const names: string[] = allEnvs
    ? unique([defaultName, ...(await discoverEnvironments(loaded, base)), ...given])
    : [...given];
  if (names.length === 0) names.push(defaultName);
  const reports: EnvironmentReport[] = [];
  // One after another: environments share the process (and possibly source objects), and a failure in one
  // must not stop the others.
  for (const environment of names) {
    const sharedDotenv = dotenvAll || environment === defaultName;
    reports.push(await checkEnvironment(loaded, { ...base, environment, sharedDotenv }));
  }
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
