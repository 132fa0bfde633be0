export { ReleasesList } from './ReleasesList';
