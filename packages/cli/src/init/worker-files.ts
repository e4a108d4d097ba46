import type { ScaffoldFile } from './scaffold-files.js';

const strataConfig = `// The definition the \`strata\` CLI loads (and your worker can import): the configuration classes and the
// sources, in precedence order — later sources win.
import { envSource } from '@strata/env';
import { fileSource } from '@strata/file';
import { sections } from './config.definition.mjs';

export default {
  sections,
  sources: [
    // config/default.yaml, then config/<environment>.yaml, then config/local.yaml, config/local-<environment>.yaml
    fileSource({ dir: 'config' }),
    // APP_QUEUE__CONCURRENCY=8 sets queue.concurrency
    envSource({ prefix: 'APP_' }),
  ],
};
`;

const definitionModule = `// The configuration classes of a queue worker, in plain JavaScript (see \`strata init --template service\`
// for how each Reflect.decorate call maps to a TypeScript decorator).
import { Description, Secret, Section } from '@strata/core';
import { IsIn, IsInt, IsString, Max, Min } from '@strata/core/rules';

const type = (declared) => Reflect.metadata('design:type', declared);
const field = (cls, key, ...decorators) => Reflect.decorate(decorators, cls.prototype, key);

export class BrokerConfig {
  host = 'localhost';
  port = 5672;
  url;
  password;
}
Reflect.decorate([Section('broker'), Description('The message broker.')], BrokerConfig);
field(BrokerConfig, 'host', type(String), IsString(), Description('The broker host.'));
field(BrokerConfig, 'port', type(Number), IsInt(), Min(1), Max(65535), Description('The broker port.'));
field(BrokerConfig, 'url', type(String), IsString(), Description('Built from host and port in config/default.yaml.'));
field(BrokerConfig, 'password', type(String), IsString(), Secret(), Description('The broker password.'));

export class QueueConfig {
  name = 'jobs';
  concurrency = 4;
  maxAttempts = 5;
}
Reflect.decorate([Section('queue'), Description('What the worker consumes.')], QueueConfig);
field(QueueConfig, 'name', type(String), IsString(), Description('The queue to consume.'));
field(QueueConfig, 'concurrency', type(Number), IsInt(), Min(1), Max(256), Description('Jobs handled at once.'));
field(QueueConfig, 'maxAttempts', type(Number), IsInt(), Min(1), Description('Attempts before a job is dead-lettered.'));

export class LogConfig {
  level = 'info';
}
Reflect.decorate([Section('log')], LogConfig);
field(LogConfig, 'level', type(String), IsIn(['debug', 'info', 'warn', 'error']), Description('The lowest level logged.'));

export const sections = [BrokerConfig, QueueConfig, LogConfig];
`;

const defaultYaml = `# yaml-language-server: $schema=../config.schema.json
# Values for every environment. config/<environment>.yaml overrides them; environment variables
# (APP_QUEUE__CONCURRENCY, APP_BROKER__PASSWORD, …) override files.
broker:
  host: localhost
  port: 5672
  # A reference: the URL follows host and port wherever they are set (see docs/interpolation.md).
  url: amqp://\${broker.host}:\${broker.port}

queue:
  name: jobs
  concurrency: 4

log:
  level: info
`;

const developmentYaml = `# yaml-language-server: $schema=../config.schema.json
# Local development: everything is set, so the worker starts with no set-up.
broker:
  password: development-only-password

log:
  level: debug
`;

const productionYaml = `# yaml-language-server: $schema=../config.schema.json
# Production. The password is not in a file: set APP_BROKER__PASSWORD (or use a secret store source).
broker:
  host: broker.internal

queue:
  concurrency: 16

log:
  level: warn
`;

/** The files \`strata init --template worker\` writes. */
export const workerFiles: readonly ScaffoldFile[] = [
  { path: 'strata.config.mjs', content: strataConfig },
  { path: 'config.definition.mjs', content: definitionModule },
  { path: 'config/default.yaml', content: defaultYaml },
  { path: 'config/development.yaml', content: developmentYaml },
  { path: 'config/production.yaml', content: productionYaml },
];
