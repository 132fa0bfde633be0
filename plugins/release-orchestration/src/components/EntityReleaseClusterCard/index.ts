export { EntityReleaseClusterCard } from './EntityReleaseClusterCard';
