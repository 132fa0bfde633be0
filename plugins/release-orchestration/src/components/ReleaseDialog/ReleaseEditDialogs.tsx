import { Release } from '@opshub/plugin-release-orchestration-common';
import { useCallback } from 'react';
import { useReleaseWrites } from '../../hooks/useReleaseWrites';
import { ConfirmDialog } from '../ConfirmDialog';
import { ReleaseDialog } from './ReleaseDialog';

/** Which dialog of {@link ReleaseEditDialogs} is open. @internal */
export type ReleaseEditDialog = 'edit' | 'delete';

/** @internal */
export interface ReleaseEditDialogsProps {
  release: Release;
  open?: ReleaseEditDialog;
  onClose: () => void;
  /** After a successful edit, and after a 409 (the release changed). */
  onChanged: () => void;
  /** After the draft was deleted. */
  onDeleted: () => void;
}

/**
 * The "Edit release" dialog and the "Delete draft" confirmation, with their
 * writes. A 409 (someone changed the release, or it is no longer a draft)
 * shows the server's reason, closes the dialog and refetches; a 403 says the
 * user may not; a 400 shows the server's message and keeps the form open.
 *
 * @internal
 */
export const ReleaseEditDialogs = (props: ReleaseEditDialogsProps) => {
  const { release, open, onClose, onChanged, onDeleted } = props;
  const onStale = useCallback(() => {
    onClose();
    onChanged();
  }, [onClose, onChanged]);
  const writes = useReleaseWrites(onStale);
  if (open === 'edit') {
    return (
      <ReleaseDialog
        release={release}
        onClose={onClose}
        onSave={async values => {
          if (await writes.updateRelease(release, values)) {
            onClose();
            onChanged();
          }
        }}
      />
    );
  }
  if (open === 'delete') {
    return (
      <ConfirmDialog
        title={`Delete draft ${release.name}?`}
        message="The draft and its template steps are deleted for good. Active and archived releases cannot be deleted."
        confirmLabel="Delete draft"
        busy={writes.busy}
        onClose={onClose}
        onConfirm={async () => {
          if (await writes.deleteRelease(release)) {
            onClose();
            onDeleted();
          }
        }}
      />
    );
  }
  return null;
};
