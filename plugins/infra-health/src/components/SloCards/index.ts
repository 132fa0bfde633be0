export { SloCards } from './SloCards';
export type { SloCardsProps } from './SloCards';
