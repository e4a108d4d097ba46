/** One long flag from the command line. */
export interface Flag {
  /** The flag's name without the leading `--` (and without `no-` for a negation): `database.port`. */
  readonly name: string;
  /** The value as text: `'true'` for a bare flag, `'false'` for a negation, `''` for `--a.b=`. */
  readonly value: string;
  /** The flag as written, without its value: `--database.port`, `--no-cache`. */
  readonly locator: string;
}

/**
 * The long flags of `argv` that `isConfig` accepts, in order.
 *
 * - `--name=value` and `--name value` (the next token is a value unless it starts with `--`);
 * - `--name` alone (at the end, or before another `--` token) is `'true'`;
 * - `--no-name` is `'false'` when `isConfig(name)`, and never takes the next token;
 * - everything after a bare `--`, positional arguments and short flags (`-p`) are ignored.
 */
export function parseFlags(argv: readonly string[], isConfig: (name: string) => boolean): Flag[] {
  const flags: Flag[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const body = token.slice(2);
    const equals = body.indexOf('=');
    if (equals !== -1) {
      const name = body.slice(0, equals);
      if (isConfig(name)) flags.push({ name, value: body.slice(equals + 1), locator: `--${name}` });
      continue;
    }
    if (body.startsWith('no-') && isConfig(body.slice(3))) {
      flags.push({ name: body.slice(3), value: 'false', locator: token });
      continue;
    }
    const next = argv[index + 1];
    let value = 'true';
    if (next !== undefined && !next.startsWith('--')) {
      value = next;
      index++;
    }
    if (isConfig(body)) flags.push({ name: body, value, locator: token });
  }
  return flags;
}
