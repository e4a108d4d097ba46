import { type Config, type Constructor, configurationClasses, loadConfig, StrataError } from '@strata/core';
import type { StrataModuleSetup } from './strata-module-options.js';

/**
 * Load the configuration of a module and check that it holds exactly the classes registered as providers
 * (`forRootAsync` lists them apart from the definition its factory returns). Errors are `loadConfig`'s own:
 * Nest's bootstrap fails with the `ConfigValidationError` that names every wrong key.
 */
export async function loadModuleConfig(
  setup: StrataModuleSetup,
  registered: readonly Constructor[],
): Promise<Config> {
  const config = await loadConfig(setup.definition, setup.options ?? {});
  const loaded = configurationClasses(config.schema);
  const missing = registered.filter((cls) => !loaded.includes(cls));
  const extra = loaded.filter((cls) => !registered.includes(cls));
  if (missing.length > 0 || extra.length > 0) {
    // Nothing will close a configuration Nest never received: close it here so its watchers do not leak.
    await config.close();
    const names = (classes: readonly Constructor[]) => classes.map((cls) => cls.name).join(', ');
    const parts = [
      ...(missing.length > 0 ? [`not in the definition: ${names(missing)}`] : []),
      ...(extra.length > 0 ? [`not in the "sections" option: ${names(extra)}`] : []),
    ];
    throw new StrataError(
      'DEFINITION_INVALID',
      `StrataModule.forRootAsync: the "sections" option and the definition the factory returned list different classes (${parts.join('; ')}); list the same section classes in both`,
    );
  }
  return config;
}
