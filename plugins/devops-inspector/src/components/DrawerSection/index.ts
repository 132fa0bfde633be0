export { DrawerSection } from './DrawerSection';
export type { DrawerSectionProps } from './DrawerSection';
