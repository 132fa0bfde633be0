import TextField from '@material-ui/core/TextField';
import {
  Metadata,
  METADATA_MAX_BYTES,
} from '@opshub/plugin-release-orchestration-common';

const utf8Bytes = (text: string) =>
  encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;

/**
 * Reads the metadata text of a form: empty is `{}`; otherwise a JSON object
 * (not an array, a scalar or null) of at most `METADATA_MAX_BYTES`, the rules
 * the server applies.
 *
 * @internal
 */
export function parseMetadata(text: string): {
  /** The object, when there is no problem. */
  value?: Metadata;
  problem?: string;
} {
  if (!text.trim()) {
    return { value: {} };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problem: 'Must be a JSON object, like {"team": "payments"}',
    };
  }
  const bytes = utf8Bytes(JSON.stringify(value));
  if (bytes > METADATA_MAX_BYTES) {
    return {
      problem: `At most ${METADATA_MAX_BYTES} bytes as JSON (this is ${bytes})`,
    };
  }
  return { value: value as Metadata };
}

/** The text a form shows for stored metadata; empty for `{}`. @internal */
export function metadataText(metadata: Metadata | undefined): string {
  return metadata && Object.keys(metadata).length > 0
    ? JSON.stringify(metadata, null, 2)
    : '';
}

/** @internal */
export interface MetadataFieldProps {
  /** Prefix of the input id, e.g. `cluster` gives `cluster-metadata`. */
  idPrefix: string;
  value: string;
  onChange: (text: string) => void;
}

/**
 * A JSON text field for the free-form metadata of a cluster, customer or
 * release, with its problem (see {@link parseMetadata}) under it.
 *
 * @internal
 */
export const MetadataField = (props: MetadataFieldProps) => {
  const { idPrefix, value, onChange } = props;
  const parsed = parseMetadata(value);
  return (
    <TextField
      id={`${idPrefix}-metadata`}
      label="Metadata (JSON object)"
      placeholder='{"team": "payments"}'
      value={value}
      onChange={e => onChange(e.target.value)}
      error={Boolean(parsed.problem)}
      helperText={parsed.problem ?? 'Free-form; leave empty for none'}
      fullWidth
      multiline
      minRows={3}
      margin="dense"
      inputProps={{ style: { fontFamily: 'monospace' } }}
    />
  );
};
