import type { Candidate } from '../models/candidate.js';
import type { Issue } from '../models/issue.js';
import type { Origin } from '../models/origin.js';
import type { Constructor, FieldSchema, SchemaModel } from '../models/schema-model.js';
import type { FieldSlots } from '../schema/field-slots.js';

/** What a snapshot is built from. */
export interface SnapshotParts {
  readonly generation: number;
  readonly environment: string;
  readonly schema: SchemaModel;
  /** The numbering of the schema's fields that `values`, `origins` and `candidates()` are indexed by. */
  readonly slots: FieldSlots;
  readonly byClass: ReadonlyMap<Constructor, object>;
  readonly byPath: ReadonlyMap<string, object>;
  /** The effective value of every field by slot, defaults included. */
  readonly values: readonly unknown[];
  /** The origin of every field's value by slot; undefined for a default or unset value. */
  readonly origins: readonly (Origin | undefined)[];
  /**
   * Every candidate of every field by slot, in precedence order: the layers merged again, on `explain`'s first
   * call. Keeping a candidate per leaf cost more than a megabyte at 10,000 keys, for a method most processes
   * never call; the layers it reads are kept for reloads anyway.
   */
  readonly candidates: () => readonly (readonly Candidate[] | undefined)[];
  readonly secretPaths: ReadonlySet<string>;
  readonly warnings: readonly Issue[];
  readonly describeInputs: (field: FieldSchema) => readonly string[];
}
