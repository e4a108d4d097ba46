// The CLI loads this file; it re-exports the compiled definition (decorator metadata needs tsc).
export { default } from './dist/definition.js';
