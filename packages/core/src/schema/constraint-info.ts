import { noArgs, ruleName, type ValidationMetadata } from './constraint-rule.js';
import type { ConstraintInfo } from '../models/schema-model.js';

// Constraints without arguments (`isInt`, `isString`…) read the same on every field: one frozen object per
// name, for single items and for `each`.
const bareConstraints = [new Map<string, ConstraintInfo>(), new Map<string, ConstraintInfo>()] as const;

/** The printable description of one class-validator constraint, as the schema model lists it. */
export function constraintInfo(meta: ValidationMetadata): ConstraintInfo {
  const name = ruleName(meta);
  const each = meta.each === true;
  // IsEnum stores the enum object first; the list of values is the useful, printable part. Other arguments
  // are the metadata's own (read-only) array, which the compiled rule holds too.
  const args = meta.name === 'isEnum' ? [meta.constraints?.[1]] : (meta.constraints ?? noArgs);
  if (args.length > 0) return { name, args, each };
  const shared = bareConstraints[each ? 1 : 0];
  let info = shared.get(name);
  if (!info) {
    info = Object.freeze({ name, args: noArgs, each });
    shared.set(name, info);
  }
  return info;
}
