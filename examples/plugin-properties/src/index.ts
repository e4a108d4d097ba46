export type { PropertiesSourceOptions } from './properties-source.js';
export { propertiesSource } from './properties-source.js';
export type { PropertyLine } from './parse-properties.js';
export { parseProperties } from './parse-properties.js';
export type { RemotePropertiesSourceOptions } from './remote-properties-source.js';
export { remotePropertiesSource } from './remote-properties-source.js';
