// Minimal declarations for peers that ship no types (no @types packages are installed for them).

declare module 'convict' {
  interface ConvictConfig {
    loadFile(files: string | string[]): ConvictConfig;
    validate(options?: { allowed?: 'strict' | 'warn' }): ConvictConfig;
    get(path: string): unknown;
  }
  interface ConvictFormat {
    name: string;
    // biome-ignore lint/suspicious/noExplicitAny: convict passes the schema node it was declared with
    validate(value: unknown, schema: any): void;
    coerce?(text: string): unknown;
  }
  interface Convict {
    (schema: object): ConvictConfig;
    addParser(parser: { extension: string | string[]; parse: (text: string) => unknown }): void;
    addFormat(format: ConvictFormat): void;
  }
  const convict: Convict;
  export default convict;
}

declare module 'js-yaml' {
  const yaml: { load(text: string): unknown };
  export default yaml;
}
