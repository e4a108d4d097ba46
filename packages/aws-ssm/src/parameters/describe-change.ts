import type { SsmParameter } from './ssm-parameter.js';

const SHOWN = 3;

/**
 * A short description of what differs between two reads (`/app/prod/database/port v4`), or `undefined`
 * when names, types, versions and values are all the same. Names and versions only: never a value.
 */
export function describeChange(
  before: readonly SsmParameter[],
  after: readonly SsmParameter[],
): string | undefined {
  const previous = new Map(before.map((p) => [p.name, p]));
  const changes: string[] = [];
  for (const parameter of after) {
    const old = previous.get(parameter.name);
    previous.delete(parameter.name);
    if (
      old === undefined ||
      old.version !== parameter.version ||
      old.value !== parameter.value ||
      old.type !== parameter.type
    ) {
      changes.push(
        parameter.version === undefined ? parameter.name : `${parameter.name} v${parameter.version}`,
      );
    }
  }
  for (const name of previous.keys()) changes.push(`${name} removed`);
  if (changes.length === 0) return undefined;
  const more = changes.length > SHOWN ? ` and ${changes.length - SHOWN} more` : '';
  return `${changes.slice(0, SHOWN).join(', ')}${more}`;
}
