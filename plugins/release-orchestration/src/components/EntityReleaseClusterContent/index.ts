export { EntityReleaseClusterContent } from './EntityReleaseClusterContent';
