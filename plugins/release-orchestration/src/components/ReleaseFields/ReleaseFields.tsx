import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRefProblem } from '@opshub/opshub-common';
import {
  Release,
  ReleaseType,
  RELEASE_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { MetadataField, metadataText, parseMetadata } from '../MetadataField';

/** What the release forms edit, as typed. @internal */
export interface ReleaseFieldValues {
  name: string;
  type: ReleaseType;
  versionNumber: string;
  releaseDate: string;
  description: string;
  catalogEntityRef: string;
  /** JSON text of the metadata object; empty for `{}`. */
  metadata: string;
}

/** @internal */
export type ReleaseFieldErrors = Partial<
  Record<keyof ReleaseFieldValues, string>
>;

/** The form values of an existing release, or of a new one. @internal */
export function releaseFieldValues(release?: Release): ReleaseFieldValues {
  return {
    name: release?.name ?? '',
    type: release?.type ?? 'release',
    versionNumber: release?.versionNumber ?? '',
    releaseDate: release?.releaseDate ?? '',
    description: release?.description ?? '',
    catalogEntityRef: release?.catalogEntityRef ?? '',
    metadata: metadataText(release?.metadata),
  };
}

/**
 * The problems of the values, by field; empty when they can be saved. The
 * entity ref is checked with the schema the server uses
 * (`entityRefProblem` of `@opshub/opshub-common`), so the form refuses what
 * the server would refuse, with the same message.
 *
 * @internal
 */
export function validateReleaseFields(
  values: ReleaseFieldValues,
): ReleaseFieldErrors {
  const errors: ReleaseFieldErrors = {};
  if (!values.name.trim()) {
    errors.name = 'A name is required';
  } else if (values.name.trim().length > 255) {
    errors.name = 'At most 255 characters';
  }
  if (values.versionNumber.trim().length > 64) {
    errors.versionNumber = 'At most 64 characters';
  }
  const date = values.releaseDate.trim();
  if (
    date &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
  ) {
    errors.releaseDate = 'Use YYYY-MM-DD';
  }
  const ref = values.catalogEntityRef.trim();
  if (ref) {
    const problem = entityRefProblem(ref);
    if (problem) {
      errors.catalogEntityRef = problem;
    } else if (
      !['component', 'system'].includes(
        parseEntityRef(ref).kind.toLocaleLowerCase('en-US'),
      )
    ) {
      errors.catalogEntityRef = 'Must be a Component or a System';
    }
  }
  const metadata = parseMetadata(values.metadata);
  if (metadata.problem) {
    errors.metadata = metadata.problem;
  }
  return errors;
}

const orNull = (value: string) => value.trim() || null;

/**
 * The request fields of the values: trimmed, empty optional fields null.
 *
 * @internal
 */
export function releaseRequestFields(values: ReleaseFieldValues) {
  const metadata = parseMetadata(values.metadata);
  return {
    name: values.name.trim(),
    type: values.type,
    versionNumber: orNull(values.versionNumber),
    releaseDate: orNull(values.releaseDate),
    description: orNull(values.description),
    catalogEntityRef: orNull(values.catalogEntityRef),
    metadata: metadata.value ?? {},
  };
}

/** @internal */
export interface ReleaseFieldsProps {
  values: ReleaseFieldValues;
  onChange: (patch: Partial<ReleaseFieldValues>) => void;
  /** Shown under their fields; pass none until the user tried to go on. */
  errors?: ReleaseFieldErrors;
}

/**
 * Name, type, version number, date, entity and description of a release,
 * shared by the wizard and the edit dialog.
 *
 * @internal
 */
export const ReleaseFields = (props: ReleaseFieldsProps) => {
  const { values, onChange, errors = {} } = props;
  const field = (key: keyof ReleaseFieldValues) => ({
    id: `release-${key}`,
    value: values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ [key]: e.target.value }),
    error: Boolean(errors[key]),
    helperText: errors[key],
    fullWidth: true,
    margin: 'dense' as const,
  });
  return (
    <>
      <TextField label="Name" required {...field('name')} />
      <TextField select label="Type" {...field('type')}>
        {RELEASE_TYPES.map(t => (
          <MenuItem key={t} value={t}>
            {t}
          </MenuItem>
        ))}
      </TextField>
      <TextField label="Version number" {...field('versionNumber')} />
      <TextField
        label="Release date"
        placeholder="YYYY-MM-DD"
        {...field('releaseDate')}
      />
      <TextField
        label="Ships (catalog entity)"
        placeholder="component:default/payments-api"
        {...field('catalogEntityRef')}
      />
      <TextField
        label="Description"
        multiline
        minRows={2}
        {...field('description')}
      />
      <MetadataField
        idPrefix="release"
        value={values.metadata}
        onChange={metadata => onChange({ metadata })}
      />
    </>
  );
};
