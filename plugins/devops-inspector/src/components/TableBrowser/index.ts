export { TableBrowser } from './TableBrowser';
export type { TableBrowserProps } from './TableBrowser';
