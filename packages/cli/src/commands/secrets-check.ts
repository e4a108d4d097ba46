import { StrataError } from '@strata/core';
import { decryptValue, parseEnvelope } from '@strata/core/secrets';
import type { Command, CommandInput } from '../cli/command.js';
import { envOption } from '../cli/common-options.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { noPositionals, stringsOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { environmentOf } from '../definition/definition-setup.js';
import { discoverEnvironments } from '../definition/discover-environments.js';
import { plural } from '../report/format-report.js';
import { collectSourceEnvelopes } from '../secrets/collect-source-envelopes.js';
import { commandKeyring, keyFileOption } from '../secrets/keyring-option.js';

/** `strata secrets check`: every encrypted value in the definition's files decrypts with the keyring. */
export const secretsCheckCommand: Command = {
  name: 'check',
  summary: "Check that every encrypted value in the definition's files decrypts with the keyring",
  usage: '[--env <name>]... [--key-file <file>]',
  details: [
    'Loads the sources of every environment (the current one and those the sources know of, or only each',
    '--env) without validating, and decrypts every enc: value that came from a configuration file or a',
    '.env file, at the path the engine decrypts it at. Each value that does not decrypt is reported with',
    'its file:line:column, path, key id and reason (exit code 1); a source that cannot be loaded is a',
    'problem too. Plaintexts are never printed. Run it in CI with the production keyring.',
  ].join('\n'),
  options: { env: envOption, ...keyFileOption },
  run: runCheck,
};

async function runCheck(input: CommandInput): Promise<number> {
  noPositionals(input);
  const { cwd, loaded } = await commandDefinition(input);
  const env = input.io.env;
  const keyring = await commandKeyring(input, cwd);
  const given = stringsOption(input.values, 'env');
  const environments =
    given.length > 0
      ? [...new Set(given)]
      : [
          ...new Set([
            environmentOf(loaded.definition, { cwd, env, environment: undefined }),
            ...(await discoverEnvironments(loaded, { cwd, env })),
          ]),
        ];
  const { envelopes, files, problems, macFailures } = await collectSourceEnvelopes(loaded, {
    cwd,
    env,
    environments,
    keyring,
  });
  const failures: string[] = [...macFailures];
  const keysUsed = new Set<string>();
  for (const found of envelopes) {
    try {
      keysUsed.add(parseEnvelope({ envelope: found.envelope, path: found.path }).keyId);
      decryptValue({ envelope: found.envelope, path: found.path, keyring, where: found.locator });
    } catch (error) {
      if (!StrataError.is(error)) throw error;
      failures.push(error.message);
    }
  }
  const lines = [
    ...failures.map((failure) => `✗ ${failure}`),
    ...problems.map((problem) => `error: ${problem}`),
  ];
  const scope = `${plural(files.length, 'file')} read in ${plural(environments.length, 'environment')}: ${environments.join(', ')}`;
  if (failures.length === 0 && problems.length === 0) {
    const keys = keysUsed.size === 0 ? '' : `; keys in use: ${[...keysUsed].join(', ')}`;
    const verb = envelopes.length === 1 ? 'decrypts' : 'decrypt';
    lines.push(`✓ ${plural(envelopes.length, 'encrypted value')} ${verb} with the keyring (${scope}${keys})`);
  } else {
    if (failures.length > 0) {
      lines.push(
        `✗ ${failures.length} of ${plural(envelopes.length, 'encrypted value')} ${failures.length === 1 ? 'does' : 'do'} not decrypt with the keyring (${scope})`,
      );
    }
    if (problems.length > 0) {
      lines.push(`✗ ${plural(problems.length, 'source')} could not be loaded: their files were not checked`);
    }
  }
  input.io.stdout(`${lines.join('\n')}\n`);
  return failures.length === 0 && problems.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
}
