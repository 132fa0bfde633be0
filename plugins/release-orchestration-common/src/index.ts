/**
 * Types, permissions and annotations shared by the OpsHub
 * release-orchestration frontend and backend.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './permissions';
export * from './conditions';
export * from './types';
export * from './releases';
