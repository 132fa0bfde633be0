/**
 * Types, permissions and annotations shared by the OpsHub devops-inspector
 * frontend and backend.
 *
 * @packageDocumentation
 */

export * from './compare';
export * from './conditions';
export * from './constants';
export * from './dataCheck';
export * from './drawer';
export * from './permissions';
export * from './snapshots';
export * from './status';
export * from './types';
