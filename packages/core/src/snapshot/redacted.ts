/** The placeholder printed instead of a secret value. */
export const REDACTED = '[redacted]';
