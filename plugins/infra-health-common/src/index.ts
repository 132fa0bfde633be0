/**
 * Types, permissions and annotations shared by the OpsHub infra-health
 * frontend and backend.
 *
 * @packageDocumentation
 */

export * from './checks';
export * from './constants';
export * from './permissions';
export * from './types';
export * from './slos';
export * from './alerts';
