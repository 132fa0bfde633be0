export { AlertFeed } from './AlertFeed';
export type { AlertFeedProps } from './AlertFeed';
