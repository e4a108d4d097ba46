/**
 * Size and shape bounds checked in front of every parser: configuration files (YAML, JSON, TOML), `.env`
 * files, and JSON text given for an object or list field through an environment variable, a `.env` file or a
 * flag. Without them a hostile or corrupted input (a 50 MB file, `/dev/zero`, 10,000 nested brackets, a
 * million keys) costs minutes of CPU and gigabytes of memory, or overflows the stack without saying where.
 *
 * The defaults are far above any real configuration (the largest benchmarked one has 10,000 keys in about
 * 300 KB, nested three deep); raise one through the `limits` option of the source or function that reads
 * the input, e.g. `fileSource({ dir: 'config', limits: { maxBytes: 50_000_000 } })`.
 */
export interface InputLimits {
  /**
   * Bytes per file or per text value; enforced while reading, so a larger file is never read whole.
   * @default 10_485_760 (10 MiB)
   */
  readonly maxBytes: number;
  /**
   * Keys per file or text value: every leaf (a key path holding a value) and every property of an object
   * inside a value (objects in lists, JSON text). Mappings that only hold other keys are not counted again.
   * @default 100_000
   */
  readonly maxKeys: number;
  /**
   * Nesting depth of mappings, tables, objects and lists (`a: { b: [ 1 ] }` is 3 deep).
   * @default 64
   */
  readonly maxDepth: number;
  /**
   * Characters in one key or string value (a certificate bundle is about 200,000).
   * @default 1_048_576
   */
  readonly maxStringLength: number;
}
