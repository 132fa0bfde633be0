/**
 * Node library of the OpsHub infra-health backend: the log source contract
 * and the extension point where backend modules add log sources.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './extensions';
export * from './opensearch/OpenSearchLogSource';
