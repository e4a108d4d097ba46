import { relative } from 'node:path';
import { readSchema } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption } from '../cli/common-options.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { flagOption, noPositionals, stringsOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { environmentOf } from '../definition/definition-setup.js';
import { discoverEnvironments } from '../definition/discover-environments.js';
import { findConfigFiles } from '../migrate/find-config-files.js';
import { type FileMigration, migrateFile } from '../migrate/migrate-file.js';
import { redactFileText, secretPaths, secretValuesIn } from '../migrate/redact-file-text.js';
import { unifiedDiff } from '../migrate/unified-diff.js';
import { atomicWrite } from '../output/atomic-write.js';
import { plural } from '../report/format-report.js';

/** `strata migrate`: bring files declaring an older `configVersion` up to the definition's. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Show (or with --write apply) the migrations of files declaring an older configVersion',
  usage: '[--dry-run | --write] [--env <name>]...',
  details: [
    'Looks at every file the file sources read for the current environment, each --env, and every',
    'environment the sources know of. For each file whose top-level configVersion is older than the',
    "definition's, applies the definition's migrations and prints a unified diff (secret values redacted).",
    'The default is a dry run, which exits 1 when a file needs migrating. --write rewrites the files',
    'atomically: YAML keeps its comments and key order, JSON is written with two-space indentation.',
  ].join('\n'),
  options: {
    write: { type: 'boolean', description: 'Rewrite the files (atomically: temporary file, then rename)' },
    'dry-run': { type: 'boolean', description: 'Only show the diffs (the default)' },
    env: envOption,
  },
  run: runMigrate,
};

async function runMigrate(input: CommandInput): Promise<number> {
  noPositionals(input);
  const write = flagOption(input.values, 'write');
  if (write && flagOption(input.values, 'dry-run'))
    throw CliError.usage('--write and --dry-run exclude each other');
  const { cwd, loaded } = await commandDefinition(input);
  const { definition } = loaded;
  const to = definition.configVersion;
  if (to === undefined) {
    input.io.stdout(`${loaded.displayName} declares no configVersion: nothing to migrate\n`);
    return EXIT_OK;
  }
  const env = input.io.env;
  const given = stringsOption(input.values, 'env');
  const environments = [
    ...new Set([
      environmentOf(definition, { cwd, env, environment: undefined }),
      ...given,
      ...(await discoverEnvironments(loaded, { cwd, env })),
    ]),
  ];
  const { files, problems } = await findConfigFiles(loaded, { cwd, env, environments });
  const show = (file: string): string => relative(cwd, file) || file;
  const results: FileMigration[] = [];
  for (const file of files) {
    results.push(
      await migrateFile(file, { to, migrations: definition.migrations ?? [], displayName: show(file) }),
    );
  }
  const secrets = secretPaths(readSchema(definition.sections));
  const out: string[] = [];
  const pending = results.filter(
    (r): r is Extract<FileMigration, { status: 'migrate' }> => r.status === 'migrate',
  );
  for (const result of pending) {
    const values = new Set([
      ...secretValuesIn(result.before, secrets),
      ...secretValuesIn(result.after, secrets),
    ]);
    out.push(
      `${show(result.file)}: configVersion ${result.from} → ${result.to} (${result.steps.join('; ')})`,
      unifiedDiff(
        redactFileText(result.before, secrets, values),
        redactFileText(result.after, secrets, values),
        {
          from: show(result.file),
          to: `${show(result.file)} (configVersion ${result.to})`,
        },
      ),
    );
    if (write) {
      await atomicWrite(result.file, result.bom + result.after);
      out.push(`rewrote ${show(result.file)}`, '');
    }
  }
  const manual = results.filter(
    (r): r is Exclude<FileMigration, { status: 'migrate' }> => r.status === 'manual',
  );
  for (const result of manual) {
    out.push(
      `${show(result.file)}: configVersion ${result.from} → ${to} must be migrated by hand (${result.reason})`,
    );
  }
  for (const problem of problems) out.push(`error: ${problem}`);
  const current = results.filter((r) => r.status === 'current' || r.status === 'unversioned').length;
  if (pending.length === 0 && manual.length === 0) {
    out.push(`✓ ${plural(current, 'file')} at configVersion ${to} (or unversioned): nothing to migrate`);
  } else if (!write && pending.length > 0) {
    out.push(`${plural(pending.length, 'file')} to migrate; run "strata migrate --write" to rewrite them`);
  }
  input.io.stdout(`${out.join('\n')}\n`);
  const unresolved = (write ? 0 : pending.length) + manual.length + problems.length;
  return unresolved === 0 ? EXIT_OK : EXIT_PROBLEMS;
}
