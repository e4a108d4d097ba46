/** A class Strata can instantiate: a section or a nested configuration class. */
// biome-ignore lint/suspicious/noExplicitAny: constructor parameters are never used; `any[]` is the only type every class constructor is assignable to.
export type Constructor<T = object> = new (...args: any[]) => T;

/** The declared kind of a leaf, read from `design:type` and the class-validator constraints. */
export type FieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'array'
  | 'object'
  | 'unknown';

/** A class-validator constraint on a field, as read from its metadata. */
export interface ConstraintInfo {
  /** The constraint's name (`isInt`, `max`, `isIn`, or a custom constraint's name). */
  readonly name: string;
  /** The decorator's arguments (`[65535]` for `@Max(65535)`). */
  readonly args: readonly unknown[];
  /** Applies to each item of an array. */
  readonly each: boolean;
}

/** `@Deprecated` information. */
export interface DeprecationInfo {
  /** The path that replaces this one, if any. */
  readonly replacedBy?: string;
  /** The version that deprecated it. */
  readonly since?: string;
  /** Free text for the warning. */
  readonly reason?: string;
}

/** Which sources may supply a secret value (`@Secret({ from })`). */
export type SecretSourceKind =
  | 'file'
  | 'encrypted'
  | 'env'
  | 'dotenv'
  | 'argv'
  | 'vault'
  | 'aws-ssm'
  | (string & {});

/** One leaf of the schema: a property that holds a value (not a nested configuration class). */
export interface FieldSchema {
  /** Dotted path from the root: `database.poolSize`. */
  readonly path: string;
  readonly segments: readonly string[];
  /** The property name. */
  readonly key: string;
  readonly type: FieldType;
  /** The type of each item, for arrays. */
  readonly itemType?: FieldType;
  /** The class of each item, for arrays of nested configuration classes. */
  readonly itemClass?: Constructor;
  /** Allowed values, for enums (`@IsEnum`, `@IsIn`). */
  readonly enumValues?: readonly (string | number)[];
  /** The property initialiser's value, when there is one. */
  readonly defaultValue?: unknown;
  readonly hasDefault: boolean;
  /** `@IsOptional()`: may stay unset. */
  readonly optional: boolean;
  /** No default and not optional: some source must set it. */
  readonly required: boolean;
  /** `@Secret()`: never printed. */
  readonly secret: boolean;
  /** `@Secret({ from })`: the sources allowed to supply it; absent means the application's default policy. */
  readonly secretSources?: readonly SecretSourceKind[];
  /** `@Description(text)`. */
  readonly description?: string;
  /** `@Reloadable(false)` makes this false: a change needs a restart. */
  readonly reloadable: boolean;
  /** `@Env(...names)`: exact variables that set this value. */
  readonly envNames: readonly string[];
  readonly deprecated?: DeprecationInfo;
  readonly constraints: readonly ConstraintInfo[];
}

/** A configuration class in the tree: a section, or a nested class inside one. */
export interface ObjectSchema {
  readonly cls: Constructor;
  /** Dotted path from the root (`database.pool`). */
  readonly path: string;
  readonly segments: readonly string[];
  /** Leaf properties by name. */
  readonly fields: ReadonlyMap<string, FieldSchema>;
  /** Nested configuration classes by property name. */
  readonly children: ReadonlyMap<string, ObjectSchema>;
  /** `@Description` on the class. */
  readonly description?: string;
}

/** A class decorated with `@Section(path)`. */
export interface SectionSchema extends ObjectSchema {
  /** True when this is the `@Section` class itself (not a nested class). */
  readonly isSection: true;
}

/** The schema read once from the decorated classes. It serves coercion, validation, docs, env names and `explain`. */
export interface SchemaModel {
  readonly sections: readonly SectionSchema[];
  /** Every leaf, nested ones included, in declaration order. */
  readonly fields: readonly FieldSchema[];
  /** The leaf at a dotted path. */
  field(path: string): FieldSchema | undefined;
  /** The section or nested class at a dotted path. */
  object(path: string): ObjectSchema | undefined;
  /** The section that owns a class, for sections and nested classes alike. */
  objectOf(cls: Constructor): ObjectSchema | undefined;
}
