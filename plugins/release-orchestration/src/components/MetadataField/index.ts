export { MetadataField, metadataText, parseMetadata } from './MetadataField';
export type { MetadataFieldProps } from './MetadataField';
