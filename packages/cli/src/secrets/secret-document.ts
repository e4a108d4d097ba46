/** An encrypted value found in a file, at the place it is written. */
export interface DocumentEnvelope {
  /** The key segments from the top of the file. */
  readonly segments: readonly string[];
  /** The segments joined with `.`: the path the value is sealed to. */
  readonly path: string;
  /** The `enc:…` text. */
  readonly envelope: string;
  /** `config/production.yaml:4:13`. */
  readonly locator: string;
}

/** What {@link SecretDocument.put} found at the path before writing. */
export interface PutOutcome {
  /** The segments as written in the file: an existing key spelled differently (`pool_size`) is kept. */
  readonly segments: readonly string[];
  /** `nothing`: a new key; `plain`: a plain-text value was replaced; `encrypted`: an envelope was. */
  readonly replaced: 'nothing' | 'plain' | 'encrypted';
}

/**
 * A YAML or JSON configuration file opened for editing its encrypted values, keeping everything else as it
 * is (YAML comments, key order, quoting and blank lines; JSON byte for byte wherever a value is replaced).
 */
export interface SecretDocument {
  /** Every encrypted value, in document order. */
  envelopes(): DocumentEnvelope[];
  /** Replace an envelope that {@link envelopes} returned. */
  replace(found: DocumentEnvelope, envelope: string): void;
  /**
   * Write `envelope` at `segments`, creating the mappings on the way. Existing keys match the way the engine
   * matches names (case, `_` and `-` ignored).
   *
   * @throws CliError (usage) when the path runs through a value or ends at a mapping or list.
   */
  put(segments: readonly string[], envelope: string): PutOutcome;
  /** The file's new text. */
  toString(): string;
}
