// Strata from plain JavaScript and CommonJS: Node 20.19+ loads the packages' ES modules with require(), no
// flag, no build step. Without TypeScript's decorator syntax, decorators are applied as functions.
'use strict';
require('reflect-metadata');
const { loadConfig, Section } = require('@strata/core');
const { IsInt, IsString, Max, Min } = require('@strata/core/rules');

class ServerConfig {
  constructor() {
    this.host = '0.0.0.0';
    this.port = 8080;
  }
}
IsString()(ServerConfig.prototype, 'host');
IsInt()(ServerConfig.prototype, 'port');
Min(1)(ServerConfig.prototype, 'port');
Max(65535)(ServerConfig.prototype, 'port');
Section('server')(ServerConfig);

loadConfig({ sections: [ServerConfig], sources: [] }).then(async (config) => {
  // The whole resolved tree, every section, secrets redacted.
  console.log(JSON.stringify(config.toJSON()));
  console.log(config.get(ServerConfig).port);
  await config.close();
});
