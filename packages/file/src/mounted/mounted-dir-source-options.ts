import type { InputLimits } from '@strata/core/source';

/** Options of {@link mountedDirSource}. */
export interface MountedDirSourceOptions {
  /**
   * The mounted directory: a Kubernetes Secret or ConfigMap volume, Docker's `/run/secrets`. Relative to the
   * configuration's working directory. `{env}` is replaced by the environment name.
   * @example '/etc/app/secrets'
   */
  dir: string;
  /** Every value is secret (a Secret volume, `/run/secrets`): redacted everywhere even without `@Secret()`. @default false */
  secret?: boolean;
  /**
   * How a file name nests: `database__password` (`'__'`) or `database.password` (`'.'`) → `database.password`.
   * @default '__'
   */
  nesting?: '__' | '.';
  /** A dotted configuration path to nest every value under. @example 'database' */
  into?: string;
  /** Start without this source when the directory is missing. @default false */
  optional?: boolean;
  /**
   * While watched, the slow re-read that backs up the directory watch (which sees kubelet's `..data` swap at
   * once). `0` leaves only the watch. @default 2000
   */
  pollIntervalMs?: number;
  /** Bounds: `maxKeys` is the most files, `maxBytes` per file, `maxStringLength` per value. @default core's defaultInputLimits */
  limits?: Partial<InputLimits>;
  /** The source's name. @default `mounted-dir:<dir>` */
  name?: string;
}
