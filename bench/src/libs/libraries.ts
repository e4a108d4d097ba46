/** The libraries compared, in report order. */
export const LIBRARY_IDS = [
  'strata',
  'convict',
  'nest-typed-config',
  'nestjs-config',
  'node-config',
  'c12',
] as const;

/** A library's id. */
export type LibraryId = (typeof LIBRARY_IDS)[number];

/**
 * Rows of the cold-start suite only: a library set up another way than its documentation recommends, shown
 * for transparency next to it. Each has its own `dist/cold/<id>.js` script.
 */
export const COLD_START_VARIANTS = {
  'strata-class-validator-index': {
    of: 'strata',
    label: 'Strata (class-validator index)',
    setup:
      "Strata's classes decorated from `'class-validator'` (its index: all of class-validator, validator.js and libphonenumber-js) instead of `@strata/core/rules`",
  },
  floor: {
    of: 'strata',
    label: 'floor (not a library)',
    setup:
      "what any loader of these decorated classes pays before its own work: reflect-metadata, the rule decorators' own class-validator files, decorating the classes, js-yaml parsing both files; no merging, conversion or validation",
  },
} as const satisfies Record<string, { of: LibraryId; label: string; setup: string }>;

/** A cold-start variant's id. */
export type ColdStartVariantId = keyof typeof COLD_START_VARIANTS;

/** A row of the cold-start suite: a library, or a variant of one. */
export type ColdStartId = LibraryId | ColdStartVariantId;

/** Whether a cold-start row is a variant rather than a library. */
export function isColdStartVariant(id: ColdStartId): id is ColdStartVariantId {
  return Object.hasOwn(COLD_START_VARIANTS, id);
}

/** The cold-start rows in report order: each variant right after its library. */
export const COLD_START_IDS: readonly ColdStartId[] = LIBRARY_IDS.flatMap((id) => [
  id,
  ...(Object.keys(COLD_START_VARIANTS) as ColdStartVariantId[]).filter(
    (variant) => COLD_START_VARIANTS[variant].of === id,
  ),
]);

/** What the report says about a library (no import of the library itself). */
export interface LibraryInfo {
  readonly id: LibraryId;
  /** The npm package whose version is reported. */
  readonly packageName: string;
  readonly label: string;
  /** Whether it checks the values against the schema's rules. */
  readonly validates: boolean;
  /** What it checks, in a sentence. */
  readonly validation: string;
}

/** Report metadata of every library. */
export const LIBRARIES: Readonly<Record<LibraryId, LibraryInfo>> = {
  strata: {
    id: 'strata',
    packageName: '@strata/core',
    label: 'Strata',
    validates: true,
    validation:
      'every rule (int + min/max, string length, boolean, enum; decorators from `@strata/core/rules`), env text converted to declared types, unknown keys reported, deep-frozen sections',
  },
  convict: {
    id: 'convict',
    packageName: 'convict',
    label: 'convict',
    validates: true,
    validation:
      'every rule through formats (custom `bounded-int`/`bounded-string` formats, `Boolean`, enum arrays), `allowed: strict`',
  },
  'nest-typed-config': {
    id: 'nest-typed-config',
    packageName: 'nest-typed-config',
    label: 'nest-typed-config',
    validates: true,
    validation:
      'every rule through class-validator (`plainToClass` + `validateSync`, whitelist + forbidUnknownValues); env text converted in `normalize`',
  },
  'nestjs-config': {
    id: 'nestjs-config',
    packageName: '@nestjs/config',
    label: '@nestjs/config',
    validates: true,
    validation:
      "every rule through class-validator (the docs' `plainToInstance` + `validateSync` validate function), inside a Nest application context",
  },
  'node-config': {
    id: 'node-config',
    packageName: 'config',
    label: 'node-config',
    validates: false,
    validation: 'nothing (no schema); env values typed by `__format: json`; deep-frozen on first `get`',
  },
  c12: {
    id: 'c12',
    packageName: 'c12',
    label: 'c12',
    validates: false,
    validation: 'nothing (no schema); env values stay strings',
  },
};
