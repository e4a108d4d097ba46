import { CliError } from '../cli/cli-error.js';
import { promptHidden, type TerminalInput } from './prompt-hidden.js';

/** Options of {@link readSecretValue}. */
export interface ReadSecretValueOptions {
  /** The setting the value is for, shown in the prompt. */
  readonly path: string;
  /** Where the prompt goes (standard error, so standard output stays clean). */
  readonly prompt: (text: string) => void;
  /** Standard input. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

/**
 * The plaintext to encrypt, never from the command line (it would land in shell history and `ps`): from
 * standard input when it is piped (one trailing newline removed, so `echo value |` works), or typed twice at
 * a prompt with echo off when standard input is a terminal. An empty value is refused.
 */
export async function readSecretValue(options: ReadSecretValueOptions): Promise<string> {
  const stdin = options.stdin ?? process.stdin;
  if (stdin.isTTY) {
    const terminal = stdin as unknown as TerminalInput;
    const first = await promptHidden(terminal, options.prompt, `Value for ${options.path} (not shown): `);
    if (first === '') throw CliError.usage('the value is empty; nothing was encrypted');
    const again = await promptHidden(terminal, options.prompt, 'Repeat the value: ');
    if (again !== first) throw CliError.usage('the two values differ; nothing was encrypted');
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') {
    throw CliError.usage(
      'no value on standard input: pipe it in (printf %s "$VALUE" | strata secrets encrypt <file> <path>) or run the command in a terminal to be prompted',
    );
  }
  return text;
}
