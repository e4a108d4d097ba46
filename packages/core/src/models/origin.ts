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
}

/** `env APP_SERVER__PORT`, `file config/production.yaml:12:7`, `vault secret/data/app#password@v7`. */
export function formatOrigin(origin: Origin): string {
  const version = origin.version === undefined ? '' : `@v${origin.version}`;
  const encrypted = origin.encrypted ? ' (encrypted)' : '';
  // A locator is a file name, a variable name or a remote path: any of them may hold control characters.
  return printable(`${origin.source} ${origin.locator}${version}${encrypted}`);
}
