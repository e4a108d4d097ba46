/**
 * @strata/cli — the `strata` command. The binary is `dist/bundle/bin.js` (package.json's `bin`, bundled from
 * `src/bin.ts`); this entry lets tools run the CLI in-process and lets other packages add commands.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export { runCli } from './cli/run-cli.js';
export type { CliIO } from './cli/cli-io.js';
export { processIO } from './cli/cli-io.js';
export type { Command, CommandInput, OptionSpec, OptionValues } from './cli/command.js';
export { CliError } from './cli/cli-error.js';
export type { ExitCode } from './cli/exit-codes.js';
export { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './cli/exit-codes.js';
export { commands } from './commands/registry.js';
export type { DefinitionContext, LoadedDefinition } from './definition/load-definition.js';
export { loadDefinition } from './definition/load-definition.js';
export type { DotenvUse, EnvironmentReport } from './report/check-environment.js';
export type { IssueCategory, ReportedIssue } from './report/reported-issue.js';
export type { DiffEntry } from './commands/diff.js';
// The generator lives in core's tooling entry (the operations surface serves it too); re-exported here
// so that the CLI's public API stays as it was.
export type { JsonSchema } from '@strata/core/tooling';
export { buildJsonSchema } from '@strata/core/tooling';
