import { loadConfig, Section, Secret } from '../packages/core/src/index.js';
import { fileSource } from '../packages/file/src/index.js';
import { envSource } from '../packages/env/src/index.js';
import { IsString, getMetadataStorage } from '../packages/core/node_modules/class-validator/cjs/index.js';
import { it, expect } from 'vitest';
@Section('db')
class Db {
  @Secret() @IsString() password = 'x';
}
it('resolves', async () => {
  expect(typeof loadConfig).toBe('function');
  expect(fileSource).toBeDefined();
  expect(envSource).toBeDefined();
  expect(IsString).toBeDefined();
  const c = await loadConfig(
    { sections: [Db], sources: [envSource({ prefix: 'APP_' })] },
    { env: { APP_DB__PASSWORD: 'abcdef' }, argv: [] },
  );
  expect(c.get(Db).password).toBe('abcdef');
});
