import { defineConfig } from 'vitest/config';

// Decorators in test files need the legacy transform with metadata; projects must `extends: true`
// or they do not inherit these options. The `@strata/source` condition makes workspace imports
// resolve to each package's src/, so tests never run against a stale dist/.
export default defineConfig({
  // Class fields compiled as tsc compiles them with `useDefineForClassFields: false` (tsconfig.base.json):
  // a field without an initialiser defines nothing, and the others are assigned. Without these two, a
  // test file's `maybe?: number` would be an own property of every instance (define semantics), and a
  // section class would mean something else in tests than in the build.
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'packages', include: ['packages/*/test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'docs/**/*.test.ts'],
        },
      },
    ],
  },
});
