import TextField from '@material-ui/core/TextField';
import { entityRefProblem } from '@opshub/opshub-common';
import {
  Cluster,
  KUBECONFIG_PATH_MAX_LENGTH,
  Metadata,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { FormDialog, trimOrNull as orNull } from '../FormDialog';
import { MetadataField, metadataText, parseMetadata } from '../MetadataField';

/** The problem of a kubeconfig path the server would refuse whatever its root. @internal */
export function kubeconfigPathProblem(path: string): string | undefined {
  if (path.length > KUBECONFIG_PATH_MAX_LENGTH) {
    return `At most ${KUBECONFIG_PATH_MAX_LENGTH} characters`;
  }
  if (path.split(/[\\/]/).includes('..')) {
    return "must not contain '..' segments";
  }
  return undefined;
}

/** What the cluster dialog edits; empty optional fields are null. @internal */
export interface ClusterFormValues {
  name: string;
  displayName: string;
  region: string | null;
  description: string | null;
  catalogEntityRef: string | null;
  kubeconfigPath: string | null;
  metadata: Metadata;
}

/** @internal */
export interface ClusterDialogProps {
  /** The cluster to edit; a new one when undefined. */
  cluster?: Cluster;
  onClose: () => void;
  onSave: (values: ClusterFormValues) => Promise<void>;
}

/**
 * Creates or edits a cluster. The name is its key (the value of the
 * `opshub.io/release-cluster` annotation) and is fixed once created.
 *
 * @internal
 */
export const ClusterDialog = (props: ClusterDialogProps) => {
  const { cluster, onClose, onSave } = props;
  const [name, setName] = useState(cluster?.name ?? '');
  const [displayName, setDisplayName] = useState(cluster?.displayName ?? '');
  const [region, setRegion] = useState(cluster?.region ?? '');
  const [description, setDescription] = useState(cluster?.description ?? '');
  const [entityRef, setEntityRef] = useState(cluster?.catalogEntityRef ?? '');
  const [kubeconfigPath, setKubeconfigPath] = useState(
    cluster?.kubeconfigPath ?? '',
  );
  const [metadata, setMetadata] = useState(metadataText(cluster?.metadata));
  const refProblem = entityRef.trim()
    ? entityRefProblem(entityRef.trim())
    : undefined;
  const pathProblem = kubeconfigPathProblem(kubeconfigPath.trim());
  const parsed = parseMetadata(metadata);
  const save = () =>
    onSave({
      name: name.trim(),
      displayName: displayName.trim() || name.trim(),
      region: orNull(region),
      description: orNull(description),
      catalogEntityRef: orNull(entityRef),
      kubeconfigPath: orNull(kubeconfigPath),
      metadata: parsed.value ?? {},
    });
  return (
    <FormDialog
      title={cluster ? `Edit cluster ${cluster.name}` : 'Add a cluster'}
      canSubmit={
        name.trim() !== '' && !refProblem && !pathProblem && !parsed.problem
      }
      onClose={onClose}
      onSubmit={save}
    >
      <TextField
        id="cluster-name"
        label="Name"
        value={name}
        onChange={e => setName(e.target.value)}
        disabled={!!cluster}
        required
        fullWidth
        margin="dense"
        helperText="Letters, digits, dot, dash and underscore"
      />
      <TextField
        id="cluster-display-name"
        label="Display name"
        value={displayName}
        onChange={e => setDisplayName(e.target.value)}
        fullWidth
        margin="dense"
      />
      <TextField
        id="cluster-region"
        label="Region"
        value={region}
        onChange={e => setRegion(e.target.value)}
        fullWidth
        margin="dense"
      />
      <TextField
        id="cluster-entity-ref"
        label="Catalog entity"
        placeholder="resource:default/cluster-eu-west"
        value={entityRef}
        onChange={e => setEntityRef(e.target.value)}
        error={Boolean(refProblem)}
        helperText={refProblem}
        fullWidth
        margin="dense"
      />
      <TextField
        id="cluster-kubeconfig-path"
        label="Kubeconfig path"
        placeholder="/etc/opshub/kubeconfigs/eu-west-1.yaml"
        value={kubeconfigPath}
        onChange={e => setKubeconfigPath(e.target.value)}
        error={Boolean(pathProblem)}
        helperText={
          pathProblem ??
          "A file under the backend's releaseOrchestration.kubeconfigRoot"
        }
        fullWidth
        margin="dense"
      />
      <TextField
        id="cluster-description"
        label="Description"
        value={description}
        onChange={e => setDescription(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
      />
      <MetadataField
        idPrefix="cluster"
        value={metadata}
        onChange={setMetadata}
      />
    </FormDialog>
  );
};
