export { CustomerPicker, groupByCluster } from './CustomerPicker';
export type { CustomerPickerProps } from './CustomerPicker';
