import type { OptionSpec } from './command.js';

/** Options every command takes. */
export const commonOptions: { readonly [name: string]: OptionSpec } = {
  cwd: {
    type: 'string',
    valueName: '<dir>',
    description:
      'Run as if started in <dir>: the definition, config files and --out paths resolve against it',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

/** `--config`, for commands that load the application's definition. */
export const configOption: { readonly [name: string]: OptionSpec } = {
  config: {
    type: 'string',
    valueName: '<file>',
    description: 'The definition module (default: strata.config.mjs, then strata.config.js in --cwd)',
  },
};

/** `--env <name>`, once. */
export const envOption: OptionSpec = {
  type: 'string',
  multiple: true,
  valueName: '<name>',
  description:
    "The environment (default: the definition's environment, else STRATA_ENV, APP_ENV, NODE_ENV, the Kubernetes namespace, CI (test), else development; see strata explain --env-source)",
};

/** `--format` with the given choices, the first being the default. */
export function formatOption(choices: readonly string[]): OptionSpec {
  return {
    type: 'string',
    valueName: `<${choices.join('|')}>`,
    description: `Output format (default: ${choices[0]})`,
  };
}

/** `--out <file>`. */
export function outOption(example: string): OptionSpec {
  return {
    type: 'string',
    valueName: '<file>',
    description: `Write to <file> (relative to --cwd) instead of standard output, e.g. ${example}`,
  };
}
