export { saveFile } from './saveFile';
export type { DownloadedFile } from './saveFile';
