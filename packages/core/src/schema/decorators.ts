import { StrataError } from '../errors/strata-error.js';
import { markProperty, ownMarks } from './decorator-metadata.js';
import type { DeprecationInfo, SecretSourceKind } from '../models/schema-model.js';

const sectionPath = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;

/**
 * Names a configuration class's place in the tree.
 *
 * @example
 * ```ts
 * @Section('database')
 * class DatabaseConfig { @IsInt() @Min(1) port = 5432; }
 * ```
 */
export function Section(path: string): ClassDecorator {
  if (!sectionPath.test(path)) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `@Section("${path}"): a section path is dot-separated identifiers, like "database" or "services.billing"`,
    );
  }
  return (target) => {
    ownMarks(target).section = path;
  };
}

/** Options of {@link Secret}. */
export interface SecretOptions {
  /**
   * The sources allowed to supply this value: `'vault'`, `'aws-ssm'`, `'env'`, `'dotenv'`, `'argv'`,
   * `'encrypted'` (an `enc:v1:` value in a file), `'file'` (plain text in a file), or a plugin's source kind.
   * A value from anywhere else is a validation problem. Default: the application's `secretPolicy`.
   */
  from?: readonly SecretSourceKind[];
}

/**
 * Marks a value that must never be printed: logs, errors, events, `print` and `explain` show `[redacted]`,
 * while code reading the property gets the value.
 */
export function Secret(options: SecretOptions = {}): PropertyDecorator {
  return (prototype, key) => {
    markProperty(
      prototype,
      key,
      options.from ? { secret: true, secretSources: [...options.from] } : { secret: true },
    );
  };
}

/**
 * Binds exact environment variables to this value, whatever the prefix. They win over prefixed variables;
 * when several are set, the first listed wins.
 *
 * @example `@Env('DATABASE_URL') url!: string;`
 */
export function Env(...names: string[]): PropertyDecorator {
  if (names.length === 0)
    throw new StrataError('DEFINITION_INVALID', '@Env() needs at least one variable name');
  return (prototype, key) => markProperty(prototype, key, { envNames: names });
}

/** Describes a value or a class for generated docs and JSON Schema. */
export function Description(text: string): PropertyDecorator & ClassDecorator {
  return ((target: object, key?: string | symbol) => {
    if (key === undefined) ownMarks(target as Function).description = text;
    else markProperty(target, key, { description: text });
  }) as PropertyDecorator & ClassDecorator;
}

/**
 * `@Reloadable(false)` marks a value that needs a restart: a live change to it is not applied and a
 * `restartRequired` event names it instead.
 */
export function Reloadable(reloadable = true): PropertyDecorator {
  return (prototype, key) => markProperty(prototype, key, { reloadable });
}

/**
 * Marks an old key. It still works, mapped onto `replacedBy` when given, and its use produces a warning
 * naming where it was set.
 */
export function Deprecated(info: DeprecationInfo = {}): PropertyDecorator {
  return (prototype, key) => markProperty(prototype, key, { deprecated: { ...info } });
}
