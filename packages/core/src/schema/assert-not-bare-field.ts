import { StrataError } from '../errors/strata-error.js';
import type { Constructor } from '../models/schema-model.js';

/**
 * Refuse a property that the class declares with no decorator and no default, when it shows on the instance
 * anyway: that happens only when the class was compiled with *define* semantics for class fields
 * (`useDefineForClassFields: true`, the default of TypeScript for `target` ES2022 and later, and of most test
 * transforms), where `maybe?: number;` defines an own property holding `undefined`. Compiled as Strata asks
 * (`useDefineForClassFields: false`), the same line defines nothing and the property is not a setting at all;
 * with define semantics it silently became a *required* one. The meaning would depend on a compiler flag, so
 * neither is chosen: the message says what to write instead.
 */
export function assertNotBareField(
  cls: Constructor,
  key: string,
  instance: Record<string, unknown>,
  hasDecorators: boolean,
): void {
  if (hasDecorators || !Object.hasOwn(instance, key) || instance[key] !== undefined) return;
  throw new StrataError(
    'DEFINITION_INVALID',
    `${cls.name}.${key} has no decorator and no default, yet is a property of every instance: the class was compiled with define semantics for class fields (useDefineForClassFields: true), under which it would be a required setting, while with useDefineForClassFields: false (what Strata expects, with experimentalDecorators and emitDecoratorMetadata) it would not be a setting at all. Set "useDefineForClassFields": false in the tsconfig (and your test runner's transform) that compiles ${cls.name}, and give ${key} a rule (@IsOptional() for an optional setting) or a default`,
  );
}
