import { fileURLToPath } from 'node:url';
import { Section, loadConfig } from '@strata/core';
import { IsInt, IsString, Min } from 'class-validator';
import { propertiesSource } from './index.js';

@Section('database')
class DatabaseConfig {
  @IsString() url = 'postgres://localhost/app';
  @IsInt() @Min(1) poolSize = 10;
}

const cwd = fileURLToPath(new URL('..', import.meta.url));
const config = await loadConfig(
  { sections: [DatabaseConfig], sources: [propertiesSource({ file: 'config/app.properties' })] },
  { cwd },
);
console.log(config.get(DatabaseConfig));
console.log('poolSize from', config.explain('database.poolSize')?.source);
await config.close();
