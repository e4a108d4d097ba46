import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Layer, StrataError } from '@strata/core';
import { isUnsafeSegment } from '@strata/core/source';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaOf, sourceContext } from '@strata-internal/test-support';
import { argvSource, dotenvSource, envSource } from '../src/index.js';

const fold = (name: string): string => name.toLowerCase().replace(/[_-]/g, '');
const upperSnake = (name: string): string => name.replace(/([A-Z])/g, '_$1').toUpperCase();
const camelName = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/).filter((name) => !isUnsafeSegment(name));

describe('env name mapping (property)', () => {
  it('PREFIX + UPPER_SNAKE(section) + "__" + UPPER_SNAKE(field) folds to the schema names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(camelName, { minLength: 1, maxLength: 3 }),
        camelName,
        fc.option(fc.stringMatching(/^[A-Z][A-Z0-9]{0,6}_$/), { nil: undefined }),
        async (sectionPath, field, prefix) => {
          const schema = schemaOf({ sections: { [sectionPath.join('.')]: [field] } });
          const name = `${prefix ?? ''}${[...sectionPath, field].map(upperSnake).join('__')}`;
          const layer = await envSource(prefix === undefined ? {} : { prefix }).load(
            sourceContext({ schema, env: { [name]: 'v' } }),
          );
          expect(layer.entries).toHaveLength(1);
          expect(layer.entries[0]?.path.map(fold)).toEqual([...sectionPath, field].map(fold));
          expect(layer.entries[0]?.origin).toEqual({ source: 'env', locator: name });
        },
      ),
      { numRuns: 300 },
    );
  });
});

const schema = schemaOf({
  sections: { database: ['port', 'url'], proto: ['x'] },
  envNames: { 'database.url': ['DATABASE_URL', '__proto__'] },
});
const piece = fc.oneof(
  fc.constantFrom(
    'APP_',
    '_',
    '__',
    '___',
    '.',
    '-',
    '--',
    '--no-',
    '=',
    'proto',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom('PROTOTYPE', 'Constructor', 'DATABASE', 'database', 'port', 'DATABASE_URL', ' ', '\n', '#'),
  fc.string({ maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

/** Loading either gives entries with safe, non-empty segments, or fails with a StrataError. */
async function expectSafe(load: () => Promise<Layer>): Promise<void> {
  try {
    const layer = await load();
    for (const entry of layer.entries) {
      expect(entry.path.every((segment) => segment !== '' && !isUnsafeSegment(segment))).toBe(true);
    }
  } catch (error) {
    expect(StrataError.is(error)).toBe(true);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('robustness (property): random input fails only with a StrataError', () => {
  it('envSource', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, fc.string()), { maxLength: 8 }),
        fc.option(fc.oneof(fc.constantFrom('APP_', 'APP', '_', ''), fc.string({ maxLength: 3 })), {
          nil: undefined,
        }),
        fc.oneof(fc.constantFrom('__', '_', '.', '-', '__proto__'), fc.string({ maxLength: 3 })),
        async (entries, prefix, separator) => {
          const env = Object.fromEntries(entries);
          await expectSafe(async () => {
            const options = { separator, ...(prefix === undefined ? {} : { prefix }) };
            return envSource(options).load(sourceContext({ schema, env }));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('argvSource', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 8 }), async (argv) => {
        await expectSafe(() => argvSource().load(sourceContext({ schema, argv })));
      }),
      { numRuns: 500 },
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'strata-env-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dotenvSource', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 8 }), fc.boolean(), async (lines, prefixed) => {
        writeFileSync(join(dir, '.env'), lines.join('\n'));
        await expectSafe(() =>
          dotenvSource(prefixed ? { prefix: 'APP_' } : {}).load(sourceContext({ schema, cwd: dir })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
