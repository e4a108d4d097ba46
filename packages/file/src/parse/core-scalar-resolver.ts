import jsyaml from 'js-yaml';

/** A plain scalar's reading in the YAML 1.2 core schema, when it is not a string. */
type CoreScalar = null | boolean | number;

interface CoreScalarRule {
  readonly test: RegExp;
  readonly read: (source: string) => CoreScalar;
}

/**
 * The `yaml` package's core schema (yaml/dist/schema/core/*.js, 2.x), rule for rule and in its order: the first
 * rule whose test matches a plain scalar decides its type. Copied rather than approximated, because js-yaml's
 * own CORE_SCHEMA reads YAML 1.1 spellings (`0b101`, `1_000`, `-0`…) differently, and the fast and precise
 * readers must agree on every value.
 */
const coreRules: readonly CoreScalarRule[] = [
  { test: /^(?:~|[Nn]ull|NULL)?$/, read: () => null },
  { test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, read: (s) => s[0] === 't' || s[0] === 'T' },
  { test: /^0o[0-7]+$/, read: (s) => Number.parseInt(s.slice(2), 8) },
  { test: /^[-+]?[0-9]+$/, read: (s) => Number.parseInt(s, 10) },
  { test: /^0x[0-9a-fA-F]+$/, read: (s) => Number.parseInt(s.slice(2), 16) },
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    read: (s) =>
      s.slice(-3).toLowerCase() === 'nan'
        ? Number.NaN
        : s[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY,
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, read: (s) => Number.parseFloat(s) },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, read: (s) => Number.parseFloat(s) },
];

/** Every non-string spelling above starts with one of these (or is empty, which js-yaml never asks about). */
const firstCharacters = new Set('~nNtTfF0123456789+-.');

/**
 * js-yaml, told to read plain scalars as the `yaml` package's YAML 1.2 core schema does, and to say which ones
 * it read as something other than a string ({@link CoreScalarResolver.tag}, {@link CoreScalarResolver.lastSource}).
 * One instance serves every parse: js-yaml resolves and constructs a scalar synchronously, one at a time.
 */
export class CoreScalarResolver {
  /**
   * The tag js-yaml gives a plain scalar this resolver read (null, boolean or number). Under `.invalid`, so no
   * file writes it by accident; one that writes it explicitly is refused (explicit tags never resolve here).
   */
  readonly tag = 'tag:strata.invalid,2026:core-scalar';
  /** The schema to pass to `js-yaml`'s `load`. */
  readonly schema: jsyaml.Schema;
  /** The text of the last plain scalar read as a non-string: what `yaml` keeps as a key's spelling. */
  lastSource = '';
  #rule: CoreScalarRule | undefined;

  constructor() {
    const type = new jsyaml.Type(this.tag, {
      kind: 'scalar',
      // js-yaml passes the tag as a second argument only for an explicit tag: those go to the precise parser.
      resolve: (data: unknown, explicitTag?: string) => {
        if (explicitTag !== undefined || typeof data !== 'string') return false;
        if (!firstCharacters.has(data.charAt(0))) return false;
        this.#rule = coreRules.find((rule) => rule.test.test(data));
        return this.#rule !== undefined;
      },
      construct: (data: string) => {
        this.lastSource = data;
        return (this.#rule as CoreScalarRule).read(data);
      },
    });
    this.schema = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [type] });
  }
}
