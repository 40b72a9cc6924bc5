/** Attest's typed client for ISC v3: one function per operation (33, plus identity search), and the shared machinery. */
export * from './certifications';
export * from './campaigns';
export * from './collections';
export * from './errors';
export * from './filters';
export { configureClient, getClientConfig } from './http';
export * from './schemas';
export * from './search';
export * from './lookups';
export * from './reports';
