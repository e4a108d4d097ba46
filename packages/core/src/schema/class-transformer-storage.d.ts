// class-transformer keeps its @Type metadata in a storage its public entry does not export.
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: {
    findTypeMetadata(
      target: Function,
      propertyName: string,
    ): { typeFunction: (options?: unknown) => Function } | undefined;
  };
}
