import { type Constructor, configurationClasses } from '@strata/core';
import { readSchema } from '@strata/core/tooling';

/**
 * The classes to register as providers for these section classes: the sections and their nested classes.
 * Nest needs them when the module is declared, before anything loads. A schema that cannot be read (a class
 * without `@Section`) registers the sections alone: `loadConfig` then throws the same error at bootstrap,
 * where Nest reports it, instead of at import time, where a stack trace through the module file would.
 */
export function configurationClassesOf(sections: readonly Constructor[]): Constructor[] {
  try {
    return configurationClasses(readSchema(sections));
  } catch {
    return [...sections];
  }
}
