import type { Candidate } from '../models/candidate.js';
import type { FieldSchema } from '../models/schema-model.js';

/** The candidate in effect for a single-valued field: the last one that sets the field itself. */
export function winnerOf(list: readonly Candidate[] | undefined, field: FieldSchema): Candidate | undefined {
  if (!list || field.type === 'object') return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.sub.length === 0) return list[i];
  return undefined;
}
