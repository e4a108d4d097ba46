import { createHash } from 'node:crypto';
import type { Layer } from '@strata/core';
import type { SecretRead } from './kv-reader.js';

/** One full read of the source's secrets: the layer and what each secret was. */
export interface SecretSnapshot {
  readonly layer: Layer;
  readonly secrets: readonly {
    readonly display: string;
    readonly version: number | undefined;
    /** A hash of version and content, so values are compared without keeping a second copy. */
    readonly fingerprint: string;
  }[];
  /** When it was read (`Date.now()`). */
  readonly readAt: number;
}

/** The snapshot of a set of reads. */
export function snapshotOf(layer: Layer, reads: readonly SecretRead[]): SecretSnapshot {
  return {
    layer,
    secrets: reads.map((read) => ({
      display: read.secret.display,
      version: read.version,
      fingerprint: createHash('sha256')
        .update(JSON.stringify([read.version, read.data]))
        .digest('base64url'),
    })),
    readAt: Date.now(),
  };
}

/** What changed from `before` to `after`: `['secret/app/prod v8', 'kv/legacy changed']`; empty when nothing. */
export function changesBetween(before: SecretSnapshot, after: SecretSnapshot): string[] {
  const changes: string[] = [];
  after.secrets.forEach((secret, index) => {
    const previous = before.secrets[index];
    if (previous?.fingerprint === secret.fingerprint && previous.display === secret.display) return;
    changes.push(
      secret.version === undefined ? `${secret.display} changed` : `${secret.display} v${secret.version}`,
    );
  });
  return changes;
}

/** Same content, secret by secret. */
export function sameSnapshot(a: SecretSnapshot, b: SecretSnapshot): boolean {
  return a.secrets.length === b.secrets.length && changesBetween(a, b).length === 0;
}
