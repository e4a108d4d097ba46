import { createHash } from 'node:crypto';
import { watch as watchDirectory } from 'node:fs';
import path from 'node:path';
import { type ConfigSource, SourceError } from '@strata/core';
import {
  decodeInputText,
  type InputLimits,
  LayerBuilder,
  readInputFile,
  resolveInputLimits,
} from '@strata/core/source';
import { parseProperties } from './parse-properties.js';

/** Options of {@link propertiesSource}. */
export interface PropertiesSourceOptions {
  /** The file, relative to the configuration's working directory. */
  file: string;
  /** Start without the file when it is missing. @default false */
  optional?: boolean;
  /** Bounds on the file (bytes, keys, depth, string length); raise one for a larger file. @default defaultInputLimits */
  limits?: Partial<InputLimits>;
}

/**
 * Java-style `.properties` files as a Strata source: `database.pool_size=20` sets `database.poolSize`.
 * Values are text, so the engine converts them to the declared types like environment variables.
 */
export function propertiesSource(options: PropertiesSourceOptions): ConfigSource {
  const name = `properties:${options.file}`;
  const limits = resolveInputLimits(options.limits);
  let lastHash: string | undefined;
  const read = async (cwd: string): Promise<string | undefined> => {
    // readInputFile reads regular files only, counting bytes while it reads (a link to /dev/zero or a FIFO
    // is refused at once); decodeInputText refuses text that is not UTF-8, naming the file.
    const input = await readInputFile({
      path: path.resolve(cwd, options.file),
      display: options.file,
      source: name,
      limits,
      raise: 'propertiesSource',
    });
    if (input.kind === 'file') return decodeInputText(input.bytes, options.file);
    if (options.optional) return undefined;
    throw new SourceError(name, `cannot read ${options.file}: no such file`);
  };
  return {
    name,
    ...(options.optional ? { optional: true } : {}),
    async load(context) {
      const text = await read(context.cwd);
      lastHash = hash(text);
      // textual: values are strings the engine converts; the builder refuses __proto__ and friends.
      const builder = new LayerBuilder({ source: name, textual: true });
      for (const entry of parseProperties(text ?? '')) {
        builder.set(entry.key.split('.'), entry.value, {
          source: 'properties',
          locator: `${options.file}:${entry.line}`,
        });
      }
      return builder.build();
    },
    describe(field) {
      return `${field.path} in ${options.file}`;
    },
    watch(context, signals) {
      // Watch the directory: an editor's save replaces the file, which would kill a watch on the file itself.
      const full = path.resolve(context.cwd, options.file);
      let timer: NodeJS.Timeout | undefined;
      const watcher = watchDirectory(path.dirname(full), () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const text = await read(context.cwd).catch(() => undefined);
          if (hash(text) === lastHash) return;
          lastHash = hash(text);
          signals.changed({ source: name, detail: `${options.file} changed` });
        }, 50);
      });
      return {
        dispose() {
          clearTimeout(timer);
          watcher.close();
        },
      };
    },
  };
}

function hash(text: string | undefined): string {
  return createHash('sha256')
    .update(text ?? '\u0000missing')
    .digest('hex');
}
