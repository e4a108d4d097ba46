import type { Logger } from '../models/logger.js';
import type { ConfigSource } from '../models/source.js';
import type { Keyring } from '../secrets/keyring.js';
import type { Migration } from '../migrate/migration.js';
import type { Constructor, SecretSourceKind } from '../models/schema-model.js';
import type { ScopeDefinition } from '../models/scope-definition.js';

/** How `${…}` templates in values are expanded (see docs/interpolation.md). */
export interface InterpolationOptions {
  /**
   * Paths whose values are never templates: a field (`auth.greeting`) or a section (`scripts`, every field
   * under it). The same as `@NoInterpolation()` on each.
   */
  readonly skip?: readonly string[];
  /**
   * Variables whose values are secret wherever a `${env:NAME}` puts them (what they go into is redacted).
   * The `@Env` names of `@Secret` fields are secret already; `${secret:env:NAME}` marks one in place.
   */
  readonly secretEnv?: readonly string[];
}

/** What the `sources` function of a definition is given. */
export interface SourceSetup {
  readonly environment: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/**
 * An application's configuration: its section classes and its sources. Export one from `strata.config.js`
 * (wrapped in {@link defineConfig}) so the CLI can load it too.
 */
export interface ConfigDefinition {
  /** The `@Section` classes. Nested classes come with their section. */
  readonly sections: readonly Constructor[];
  /** The sources in precedence order (later wins), or a function of the environment that returns them. */
  readonly sources: readonly ConfigSource[] | ((setup: SourceSetup) => readonly ConfigSource[]);
  /**
   * The environment name. @default detected: `STRATA_ENV`, `APP_ENV`, `NODE_ENV`, the Kubernetes namespace
   * file, CI variables (`test`), else `'development'` (see `detectEnvironment`)
   */
  readonly environment?: string;
  /** Unknown keys are errors instead of warnings. @default false */
  readonly strict?: boolean;
  /**
   * The sources a `@Secret` value may come from when its decorator lists none, e.g.
   * `(env) => env === 'production' ? ['vault', 'aws-ssm', 'env', 'encrypted'] : undefined`. Undefined: any source.
   */
  readonly secretSources?:
    | readonly SecretSourceKind[]
    | ((environment: string) => readonly SecretSourceKind[] | undefined);
  /**
   * The file-format version this application reads. A file declaring an older top-level `configVersion` is
   * migrated in memory with `migrations` (and a warning); files without one are taken as current.
   */
  readonly configVersion?: number;
  /** The steps from each older `configVersion` to the next. */
  readonly migrations?: readonly Migration[];
  /**
   * `${…}` templates in values: `false` takes every value as written; an object tunes it.
   * @default true (templates in files, variables, `.env` files and flags are expanded)
   */
  readonly interpolation?: boolean | InterpolationOptions;
  /**
   * Tenant and user levels: where each scope's layers come from (`config/tenants/{tenant}.yaml`), for
   * `config.scope({ tenant })` and `config.runInScope()`. A function gets the same setup as `sources`.
   * docs/scopes.md shows them in use.
   */
  readonly scopes?: ScopeDefinition | ((setup: SourceSetup) => ScopeDefinition);
}

/** Options for {@link loadConfig} that belong to the process rather than the application. */
export interface LoadOptions {
  /** Overrides the definition's environment. */
  readonly environment?: string;
  /**
   * The Kubernetes namespace file environment detection reads, or `false` not to read one.
   * @default '/var/run/secrets/kubernetes.io/serviceaccount/namespace'
   */
  readonly kubernetesNamespaceFile?: string | false;
  /** The environment variables. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The command-line arguments. @default process.argv.slice(2) */
  readonly argv?: readonly string[];
  /** The directory relative paths resolve against. @default process.cwd() */
  readonly cwd?: string;
  /** @default a logger that drops everything */
  readonly logger?: Logger;
  /** Overrides the definition's `strict`. */
  readonly strict?: boolean;
  /**
   * Run the validation rules (class-validator constraints and required values). `false` still converts and
   * type-checks every value, but accepts a configuration that breaks its rules: for tools that explain an
   * invalid configuration (`strata explain`), never for running an application. @default true
   */
  readonly validate?: boolean;
  /** Start the sources' watchers and pollers, so changes apply while the process runs. @default false */
  readonly watch?: boolean;
  /** Changes arriving within this window are applied as one reload. @default 50 */
  readonly debounceMs?: number;
  /**
   * What a reload does with a changed source that looks like corrupted content: one that yields no key of
   * the schema any more while it had some, or whose keys are now mostly unknown (a garbage or half-written
   * file often still parses, and applying it would put every one of its values back to the code default).
   * `'reject'` keeps the last good configuration and emits `rejected` with a `SUSPICIOUS_CHANGE` error naming
   * the source and the first unknown key's origin; `'apply'` applies it like any other change. At start-up a
   * mostly-unknown source is a loud warning (an error under `strict`, like every unknown key). @default 'reject'
   */
  readonly suspiciousReloads?: 'reject' | 'apply';
  /** How many generations `history()` keeps. @default 20 */
  readonly historySize?: number;
  /**
   * The keys that decrypt `enc:v1:` values. @default the keys in `STRATA_KEY_FILE` and `STRATA_KEYS`, when
   * either is set (see `loadKeyring`)
   */
  readonly keyring?: Keyring;
}

/** Identity function that gives a definition its type, for `strata.config.js` files. */
export function defineConfig<T extends ConfigDefinition>(definition: T): T {
  return definition;
}
