import { type Config, strataModule } from '@strata/core';
import { Container } from 'inversify';

/**
 * An inversify container with the configuration bound as `strataModule` binds it: every section (and nested
 * class) by type, `STRATA_CONFIG` and `STRATA_SNAPSHOT`. Bindings read the current snapshot, so after an
 * `override()` the container hands out the new values.
 */
export function testContainer(config: Config): Container {
  const container = new Container();
  container.load(strataModule(config));
  return container;
}
