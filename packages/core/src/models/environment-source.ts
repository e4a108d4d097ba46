/** Which input decided the environment name (see `detectEnvironment`, in the order it checks them). */
export type EnvironmentSourceKind =
  /** `loadConfig(…, { environment })` or `strata … --env`. */
  | 'option'
  /** The definition's `environment`. */
  | 'definition'
  | 'STRATA_ENV'
  | 'APP_ENV'
  | 'NODE_ENV'
  /** The Kubernetes service account's namespace file. */
  | 'kubernetes'
  /** A continuous-integration variable (`CI=true`, `GITHUB_ACTIONS`, …): the environment is `test`. */
  | 'ci'
  /** Nothing said: `development`. */
  | 'default';

/** Which input decided the environment, and where exactly (`STRATA_ENV`, `/var/run/…/namespace`, `CI=true`). */
export interface EnvironmentSource {
  readonly kind: EnvironmentSourceKind;
  /** The variable, file or option that was read, for messages and `strata explain --env-source`. */
  readonly detail: string;
}
