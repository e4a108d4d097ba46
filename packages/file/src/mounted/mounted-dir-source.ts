import { sha256 } from '../load/sha256.js';
import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  type ConfigSource,
  type Disposable,
  type Layer,
  SourceError,
  type SourceContext,
  type SourceSignals,
  StrataError,
} from '@strata/core';
import {
  decodeInputText,
  type InputLimits,
  InputShapeCounter,
  LayerBuilder,
  readInputFile,
  resolveInputLimits,
} from '@strata/core/source';
import type { MountedDirSourceOptions } from './mounted-dir-source-options.js';

/** Debounce after a directory event: kubelet's swap is several renames in a row. */
const SETTLE_MS = 30;

/**
 * A configuration source for a mounted directory where each file is one value (Spring's `configtree:`):
 * Kubernetes Secret and ConfigMap volumes, Docker and Compose secrets under `/run/secrets`. The file name is
 * the key (`database__password` → `database.password`, or with `nesting: '.'` `database.password`), the
 * content the value with one trailing newline trimmed. Hidden entries are skipped: kubelet's `..data` link,
 * its `..2026_12_04_…` timestamped directories, `.gitkeep`. While watched, the directory itself is watched,
 * so kubelet's update (a new timestamped directory, a `..data_tmp` link renamed over `..data`) is seen at once,
 * with a slow re-read as a backstop; a change is reported when the content hash differs.
 *
 * @example
 * mountedDirSource({ dir: '/etc/app/secrets', secret: true })
 */
export function mountedDirSource(options: MountedDirSourceOptions): ConfigSource {
  const nesting = options.nesting ?? '__';
  const label = options.name ?? `mounted-dir:${options.dir}`;
  if (typeof options.dir !== 'string' || options.dir.trim() === '') {
    throw new StrataError(
      'DEFINITION_INVALID',
      `mountedDirSource "${label}": give \`dir\`, the mounted directory`,
    );
  }
  if (nesting !== '__' && nesting !== '.') {
    throw new StrataError('DEFINITION_INVALID', `mountedDirSource "${label}": nesting must be '__' or '.'`);
  }
  return new MountedDirSource({
    ...options,
    name: label,
    nesting,
    limits: resolveInputLimits(options.limits),
    into: options.into === undefined || options.into === '' ? [] : options.into.split('.'),
    pollIntervalMs: options.pollIntervalMs ?? 2000,
  });
}

interface ResolvedOptions {
  readonly dir: string;
  readonly name: string;
  readonly secret?: boolean | undefined;
  readonly optional?: boolean | undefined;
  readonly nesting: '__' | '.';
  readonly limits: InputLimits;
  readonly into: readonly string[];
  readonly pollIntervalMs: number;
}

/** What one read found: the files' values and a hash of names and contents. */
interface DirRead {
  readonly files: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly hash: string;
}

class MountedDirSource implements ConfigSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #options: ResolvedOptions;
  #lastHash: string | undefined;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.name = options.name;
    this.optional = options.optional ?? false;
  }

  async load(context: SourceContext): Promise<Layer> {
    const dir = this.#dirOf(context);
    const read = await this.#read(dir, context);
    this.#lastHash = read.hash;
    const builder = new LayerBuilder({ source: this.name, textual: true, limits: this.#options.limits });
    for (const file of read.files) {
      const segments = this.#segments(file.name);
      if (segments.some((s) => s === '')) {
        builder.warn(`${path.join(dir, file.name)}: the name has an empty segment; skipped`);
        continue;
      }
      builder.set([...this.#options.into, ...segments], file.value, {
        source: 'mounted-dir',
        locator: path.join(dir, file.name),
        ...(this.#options.secret ? { secret: true } : {}),
      });
    }
    return builder.build();
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    const dir = this.#dirOf(context);
    let timer: NodeJS.Timeout | undefined;
    let disposed = false;
    let checking = false;
    const check = async (): Promise<void> => {
      if (disposed || checking) return;
      checking = true;
      try {
        const read = await this.#read(dir, context);
        if (!disposed && read.hash !== this.#lastHash) {
          this.#lastHash = read.hash;
          signals.changed({ source: this.name, detail: `${dir} changed (${read.files.length} files)` });
        }
      } catch (error) {
        if (!disposed) signals.failed(error as Error, true);
      } finally {
        checking = false;
      }
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void check(), SETTLE_MS);
    };
    let watcher: FSWatcher | undefined;
    try {
      // The directory, not the files: kubelet replaces the ..data link by rename, which a watch on a file misses.
      watcher = watch(dir, { persistent: false }, schedule);
      watcher.on('error', () => {});
    } catch {
      // A directory that does not exist yet: the backstop poll notices when it appears.
    }
    const poll =
      this.#options.pollIntervalMs > 0
        ? setInterval(() => void check(), this.#options.pollIntervalMs)
        : undefined;
    poll?.unref();
    return {
      dispose: () => {
        disposed = true;
        clearTimeout(timer);
        clearInterval(poll);
        watcher?.close();
      },
    };
  }

  #segments(name: string): string[] {
    return this.#options.nesting === '.' ? name.split('.') : name.split('__');
  }

  #dirOf(context: SourceContext): string {
    return path.resolve(context.cwd, this.#options.dir.replaceAll('{env}', context.environment));
  }

  /** Every visible regular file (links followed), bounded by the limits, sorted by name. */
  async #read(dir: string, context: SourceContext): Promise<DirRead> {
    const limits = this.#options.limits;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SourceError(
        this.name,
        code === 'ENOENT'
          ? `the directory ${dir} does not exist: mount the volume there, fix \`dir\`, or set optional: true`
          : `cannot read the directory ${dir} (${code ?? String(error)})`,
        { cause: error },
      );
    }
    const counter = new InputShapeCounter({ limits, input: dir, raise: 'mountedDirSource' });
    const hash = sha256();
    const files: { name: string; value: string }[] = [];
    for (const name of names) {
      const full = path.join(dir, name);
      // Messages name the file as the user wrote it: relative to the working directory when inside it.
      const relative = path.relative(context.cwd, full);
      const display = relative.startsWith('..') || path.isAbsolute(relative) ? full : relative;
      const stats = await stat(full).catch(() => undefined);
      // Subdirectories are not values (a projected volume may hold some); a dangling link is skipped.
      if (stats === undefined || !stats.isFile()) continue;
      const found = await readInputFile({
        path: full,
        display,
        source: this.name,
        limits,
        raise: 'mountedDirSource',
        signal: context.signal,
      });
      if (found.kind !== 'file') continue;
      const value = decodeInputText(found.bytes, display).replace(/\r?\n$/, '');
      // Each name part is a level: a name nesting deeper than maxDepth is refused like a deep file.
      counter.entry(this.#segments(name), value);
      hash.update(name).update('\0').update(found.bytes).update('\0');
      files.push({ name, value });
    }
    return { files, hash: hash.digest('hex') };
  }
}
