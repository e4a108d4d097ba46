import type { Origin } from '../models/origin.js';

/**
 * The source kinds a secret value really came from, for the `secretSources` policy. A plain value: its own
 * kind (`encrypted` for an `enc:` value). A value built from a template: the kinds of the references it used
 * (all of them for a `@Secret` field, only the secret ones for a value that is secret because of them) — a
 * URL in a file built from a Vault password came from Vault as far as the secret goes.
 */
export function secretKinds(origin: Origin, fieldSecret: boolean): string[] {
  if (!origin.references) return [origin.encrypted ? 'encrypted' : origin.source];
  const kinds: string[] = [];
  for (const reference of origin.references) {
    if (!fieldSecret && !reference.origin.secret) continue;
    kinds.push(...secretKinds(reference.origin, fieldSecret));
  }
  return kinds.length > 0 ? kinds : [origin.source];
}
