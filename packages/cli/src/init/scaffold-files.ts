/** One file `strata init` creates: its path relative to the project directory and its content. */
export interface ScaffoldFile {
  readonly path: string;
  readonly content: string;
}

const strataConfig = `// The definition the \`strata\` CLI loads (and your application can import): the configuration classes
// and the sources, in precedence order — later sources win.
import { envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { sections } from './config.definition.mjs';

export default {
  sections,
  sources: [
    // config/default.yaml, then config/<environment>.yaml, then config/local.yaml, config/local-<environment>.yaml
    fileSource({ dir: 'config' }),
    // APP_SERVER__PORT=9090 sets server.port
    envSource({ prefix: 'APP_' }),
  ],
};
`;

const definitionModule = `// The configuration classes, in plain JavaScript. Each Reflect.decorate call is what TypeScript compiles a
// decorator into: \`Reflect.decorate([IsInt(), Min(1)], ServerConfig.prototype, 'port')\` is \`@IsInt() @Min(1) port\`,
// and \`type(Number)\` is the \`design:type\` metadata tsc emits with emitDecoratorMetadata. Defaults are the
// class fields' initial values; a field without one (and without @IsOptional) is required.
//
// The rules are class-validator's own decorators from @strata/core/rules, which loads each one's file when it
// is first used instead of all of class-validator (rules it does not offer, such as IsPhoneNumber, come from
// 'class-validator').
//
// Prefer TypeScript? Write these classes with decorators in a .ts file, compile it with tsc
// (experimentalDecorators + emitDecoratorMetadata), and import the compiled module from strata.config.mjs.
import { Description, Secret, Section } from '@strata/core';
import { IsIn, IsInt, IsString, Max, Min } from '@strata/core/rules';

const type = (declared) => Reflect.metadata('design:type', declared);
const field = (cls, key, ...decorators) => Reflect.decorate(decorators, cls.prototype, key);

export class ServerConfig {
  host = '0.0.0.0';
  port = 8080;
}
Reflect.decorate([Section('server'), Description('The HTTP server.')], ServerConfig);
field(ServerConfig, 'host', type(String), IsString(), Description('The interface to listen on.'));
field(ServerConfig, 'port', type(Number), IsInt(), Min(1), Max(65535), Description('The port to listen on.'));

export class DatabaseConfig {
  url;
  password;
  poolSize = 10;
}
Reflect.decorate([Section('database'), Description('The database connection.')], DatabaseConfig);
field(DatabaseConfig, 'url', type(String), IsString(), Description('Connection URL, e.g. postgres://host:5432/app.'));
field(DatabaseConfig, 'password', type(String), IsString(), Secret(), Description('The database password.'));
field(DatabaseConfig, 'poolSize', type(Number), IsInt(), Min(1), Max(100), Description('Connections in the pool.'));

export class LogConfig {
  level = 'info';
}
Reflect.decorate([Section('log')], LogConfig);
field(LogConfig, 'level', type(String), IsIn(['debug', 'info', 'warn', 'error']), Description('The lowest level logged.'));

export const sections = [ServerConfig, DatabaseConfig, LogConfig];
`;

const defaultYaml = `# yaml-language-server: $schema=../config.schema.json
# Values for every environment. config/<environment>.yaml overrides them; environment variables
# (APP_SERVER__PORT, APP_DATABASE__PASSWORD, …) override files. Create the schema the modeline above
# points at with: strata schema --out config.schema.json
server:
  host: 0.0.0.0
  port: 8080

database:
  poolSize: 10

log:
  level: info
`;

const developmentYaml = `# yaml-language-server: $schema=../config.schema.json
# Local development: everything is set, so the application starts with no set-up.
database:
  url: postgres://localhost:5432/app_dev
  password: development-only-password

log:
  level: debug
`;

const productionYaml = `# yaml-language-server: $schema=../config.schema.json
# Production. The password is not in a file: set APP_DATABASE__PASSWORD (or use a secret store source).
database:
  url: postgres://db.internal:5432/app
  poolSize: 20

log:
  level: warn
`;

/** The files `strata init` writes. */
export const scaffoldFiles: readonly ScaffoldFile[] = [
  { path: 'strata.config.mjs', content: strataConfig },
  { path: 'config.definition.mjs', content: definitionModule },
  { path: 'config/default.yaml', content: defaultYaml },
  { path: 'config/development.yaml', content: developmentYaml },
  { path: 'config/production.yaml', content: productionYaml },
];
