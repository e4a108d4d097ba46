import type { Config, Origin } from '@strata/core';
import { plainValue } from './plain-value.js';

/** One leaf of `GET /config`: its value (or `[redacted]`) and where it came from. */
export interface FieldView {
  readonly path: string;
  readonly section: string;
  readonly type: string;
  readonly value: unknown;
  readonly secret: boolean;
  /** The origin of the value in effect; `default` or `unset` when no source gave it. */
  readonly origin: Origin | 'default' | 'unset';
  readonly reloadable: boolean;
}

/**
 * `GET /config`: the running snapshot as the redacted tree, every leaf with its origin, the warnings, the
 * overrides in effect and what waits for a restart. Built from the snapshot's public API only.
 */
export function configView(config: Config): Record<string, unknown> {
  const snapshot = config.snapshot;
  const fields: FieldView[] = [];
  const sections = snapshot.schema.sections;
  for (const field of snapshot.schema.fields) {
    // The deepest section holding the field (sections may nest: `app` and `app.cache`).
    let section = '';
    for (const candidate of sections) {
      if (field.path.startsWith(`${candidate.path}.`) && candidate.path.length > section.length)
        section = candidate.path;
    }
    const origin = snapshot.originOf(field.path);
    const secret = snapshot.isSecret(field.path);
    fields.push({
      path: field.path,
      section,
      type: field.type,
      value: plainValue(snapshot.value(field.path), secret),
      secret,
      origin: origin ?? (field.hasDefault ? 'default' : 'unset'),
      reloadable: field.reloadable,
    });
  }
  return {
    environment: snapshot.environment,
    generation: snapshot.generation,
    createdAt: snapshot.createdAt.toISOString(),
    tree: snapshot.toJSON(),
    fields,
    warnings: snapshot.warnings,
    overrides: config.overrides.list(),
    awaitingRestart: config.awaitingRestart,
  };
}
