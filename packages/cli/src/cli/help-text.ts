import type { Command, OptionSpec } from './command.js';
import { commonOptions, configOption } from './common-options.js';

/** Every option a command accepts: its own, then `--config` (when it loads a definition) and the common ones. */
export function optionsOf(command: Command): { readonly [name: string]: OptionSpec } {
  return { ...command.options, ...(command.noDefinition ? {} : configOption), ...commonOptions };
}

/** The `--help` text of one command. `prefix` is the words before it (`strata`, `strata secrets`). */
export function commandHelp(command: Command, prefix: string): string {
  const lines = [`Usage: ${prefix} ${command.name} ${command.usage}`.trimEnd(), '', command.summary];
  if (command.details) lines.push('', command.details);
  if (command.subcommands) {
    lines.push('', 'Commands:', ...commandList(command.subcommands));
  }
  const options = Object.entries(optionsOf(command));
  const labels = options.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((label) => label.length));
  lines.push('', 'Options:');
  options.forEach(([, spec], i) => {
    lines.push(`  ${labels[i]!.padEnd(width)}  ${spec.description}`);
  });
  lines.push('', 'Exit codes: 0 ok, 1 problems found (invalid configuration), 2 usage or definition error');
  return `${lines.join('\n')}\n`;
}

/** `  validate   Check the configuration …` lines. */
export function commandList(commands: readonly Command[]): string[] {
  const width = Math.max(...commands.map((command) => command.name.length));
  return commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '';
  const value = spec.type === 'string' ? ` ${spec.valueName ?? '<value>'}` : '';
  return `${short}--${name}${value}`;
}
