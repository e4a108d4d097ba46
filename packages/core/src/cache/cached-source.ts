import { nodeCrypto } from '../secrets/node-crypto.js';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SourceError } from '../errors/source-error.js';
import { LayerBuilder } from '../layer/layer-builder.js';
import type { Layer } from '../models/layer.js';
import type { ConfigSource, Disposable, SourceContext, SourceSignals } from '../models/source.js';
import type { Keyring } from '../secrets/keyring.js';
import { sealLayer, unsealLayer } from './sealed-layer-file.js';

/** Options of {@link cachedSource}. */
export interface CachedSourceOptions {
  /** The directory of cache files (created with mode 0700; each file 0600). Relative to the working directory. */
  dir: string;
  /** The oldest cache the source may start from when the remote is unreachable, in ms. @example 86_400_000 */
  maxStaleMs: number;
  /** The keyring sealing the files: the primary key seals; any key in it opens. */
  keyring: Keyring;
}

/**
 * A remote source with a sealed last-good cache. After every good load the layer is written to
 * `<dir>/<source name>.cache` atomically (a temporary file renamed over), mode 0600, its values sealed with
 * the keyring (AES-256-GCM; the associated data binds the format, the source's name and the write time). When
 * the remote fails at start-up, a cache younger than `maxStaleMs` is served instead: the layer's warnings say
 * so, every origin's locator ends with `[cached <time>]` (so `explain` shows it), and once watched the source
 * reports `sourceFailed` (willRetry) and keeps the wrapped source's own polling, whose recovery replaces the
 * cached values. A cache that is too old, tampered, sealed by an unknown key or for another source is refused
 * and the remote's error stands, with the refusal added.
 *
 * A wrapper rather than an option of each source: every remote source (Vault, SSM, Secrets Manager, a plugin)
 * gets the same cache and the same file format from one tested place, and a source author writes nothing.
 *
 * @example
 * cachedSource(ssmSource({ path: '/app/{env}/' }), { dir: '/var/cache/app', maxStaleMs: 86_400_000, keyring })
 */
export function cachedSource(source: ConfigSource, options: CachedSourceOptions): ConfigSource {
  return new CachedSource(source, options);
}

class CachedSource implements ConfigSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #inner: ConfigSource;
  readonly #options: CachedSourceOptions;
  /** The remote's start-up failure while the cache is served; cleared by the next good load. */
  #staleError: Error | undefined;

  constructor(inner: ConfigSource, options: CachedSourceOptions) {
    this.#inner = inner;
    this.#options = options;
    this.name = inner.name;
    this.optional = inner.optional ?? false;
  }

  /** True while the values come from the cache because the remote could not be read. */
  get stale(): boolean {
    return this.#staleError !== undefined;
  }

  async load(context: SourceContext): Promise<Layer> {
    let layer: Layer;
    try {
      layer = await this.#inner.load(context);
    } catch (error) {
      if (context.signal.aborted) throw error;
      return this.#fromCache(context, error as Error);
    }
    this.#staleError = undefined;
    await this.#write(context, layer);
    return layer;
  }

  describe(...args: Parameters<NonNullable<ConfigSource['describe']>>): string | undefined {
    return this.#inner.describe?.(...args);
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    // The stale start is an outage the engine never saw (the load "succeeded"): report it once.
    if (this.#staleError !== undefined) signals.failed(this.#staleError, true);
    return this.#inner.watch?.(context, signals) ?? { dispose() {} };
  }

  async dispose(): Promise<void> {
    await this.#inner.dispose?.();
  }

  #file(context: SourceContext): string {
    const safe = this.name.replace(/[^A-Za-z0-9._-]/g, '_');
    return path.resolve(context.cwd, this.#options.dir, `${safe}.cache`);
  }

  async #write(context: SourceContext, layer: Layer): Promise<void> {
    const file = this.#file(context);
    const temporary = `${file}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(temporary, sealLayer(layer, this.#options.keyring, Date.now()), {
        mode: 0o600,
        flag: 'wx',
      });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      // A cache that cannot be written must not fail a good load; it is logged for the operator.
      context.logger.warn(
        `${this.name}: could not write the last-good cache ${file}: ${(error as Error).message}`,
      );
    }
  }

  async #fromCache(context: SourceContext, remote: Error): Promise<Layer> {
    const file = this.#file(context);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw remote;
    }
    let cached: ReturnType<typeof unsealLayer>;
    try {
      cached = unsealLayer(text, { source: this.name, file, keyring: this.#options.keyring });
    } catch (refusal) {
      throw new SourceError(this.name, `${remote.message} ${(refusal as Error).message}`, { cause: remote });
    }
    const age = Date.now() - cached.writtenAt;
    if (age > this.#options.maxStaleMs) {
      throw new SourceError(
        this.name,
        `${remote.message} The last-good cache ${file} is ${Math.round(age / 1000)} s old, older than maxStaleMs (${this.#options.maxStaleMs} ms), so it was not used.`,
        { cause: remote },
      );
    }
    this.#staleError = remote;
    const when = new Date(cached.writtenAt).toISOString();
    const builder = new LayerBuilder({ source: this.name, textual: cached.layer.textual });
    builder.warn(
      `${this.name} is unreachable; serving its last-good cache of ${when} (${Math.round(age / 1000)} s old) and retrying`,
    );
    // Rebuilt through the builder, so an unsafe segment is refused here too, whatever the file held.
    for (const entry of cached.layer.entries) {
      builder.set(entry.path, entry.value, {
        ...entry.origin,
        locator: `${entry.origin.locator} [cached ${when}]`,
      });
    }
    return builder.build();
  }
}
