import { printable } from '../text/printable.js';

/**
 * Where one value came from. Every leaf of every layer carries one, so errors, `explain` and change
 * events can say "got 70000 from env APP_SERVER__PORT".
 */
export interface Origin {
  /** The kind of source: `'file'`, `'env'`, `'dotenv'`, `'argv'`, `'vault'`, `'aws-ssm'`, `'default'`, `'overlay'`, or a plugin's name. */
  readonly source: string;
  /** Where inside that source: `config/production.yaml:12:7`, `APP_DATABASE__PORT`, `secret/data/app/prod#password`. */
  readonly locator: string;
  /** The remote version of the value, when the source has one (Vault KV v2 version, SSM parameter version). */
  readonly version?: number | string;
  /** The source considers this value secret (a Vault secret, an SSM SecureString) even when the schema does not. */
  readonly secret?: boolean;
  /** The value was stored encrypted (`enc:v1:…`) and decrypted at load. Set by the pipeline, not by sources. */
  readonly encrypted?: boolean;
  /**
   * The value was built from a template (`postgres://${database.host}/app`): what each `${…}` it used named,
   * with that value's own origin. The origin itself is the template's. Set by the pipeline, not by sources.
   */
  readonly references?: readonly OriginReference[];
  /**
   * The level of a layered source the value came from (`global`, `production`, `service billing`), for
   * sources that stack several folders in one layer. `explain` shows it beside the locator.
   */
  readonly level?: string;
}

/** One `${…}` a templated value used, and where the value it put in came from. */
export interface OriginReference {
  /** The reference as written: `database.host`, `env:DB_HOST`, `file:secrets/db-password`. */
  readonly name: string;
  /** Where the value came from: the key's winning origin, the variable, the file; for a fallback, the template's. */
  readonly origin: Origin;
  /** The reference was unset and its `:-fallback` text was used instead. */
  readonly fallback?: boolean;
}

/** `env APP_SERVER__PORT`, `file config/production.yaml:12:7`, `vault secret/data/app#password@v7`. */
export function formatOrigin(origin: Origin): string {
  const version = origin.version === undefined ? '' : `@v${origin.version}`;
  const encrypted = origin.encrypted ? ' (encrypted)' : '';
  const level = origin.level === undefined ? '' : ` [${origin.level}]`;
  // A locator is a file name, a variable name or a remote path: any of them may hold control characters.
  return printable(`${origin.source} ${origin.locator}${version}${encrypted}${level}`);
}
