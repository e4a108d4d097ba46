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

declare module 'autocannon' {
  interface Histogram {
    p50: number;
    p99: number;
    average: number;
  }
  interface Result {
    latency: Histogram;
    requests: Histogram & { total: number };
    errors: number;
    non2xx: number;
  }
  interface Options {
    url: string;
    connections: number;
    duration: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
