import { errorApiRef, storageApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useMemo, useState } from 'react';

/**
 * The storage bucket of the drawer's sections. With the app's
 * `UserSettingsStorage` (and the user-settings backend) it follows the
 * signed-in user across browsers; with the default `WebStorage` it stays in
 * this browser.
 *
 * @internal
 */
export const DRAWER_STORAGE_BUCKET = 'devops-inspector.drawer';

/** @internal */
export function sectionStorageKey(id: string): string {
  return `section.${id}.open`;
}

/**
 * Whether the drawer section `id` is open, remembered per user through the
 * Storage API. Until the stored choice is known (the user-settings backend
 * answers asynchronously) and when there is none, `defaultOpen`.
 *
 * @internal
 */
export function useDrawerSection(
  id: string,
  defaultOpen = true,
): [boolean, (open: boolean) => void] {
  const storageApi = useApi(storageApiRef);
  const errorApi = useApi(errorApiRef);
  const bucket = useMemo(
    () => storageApi.forBucket(DRAWER_STORAGE_BUCKET),
    [storageApi],
  );
  const key = sectionStorageKey(id);
  const [stored, setStored] = useState<boolean | undefined>(() => {
    const snapshot = bucket.snapshot<boolean>(key);
    return snapshot.presence === 'present' ? snapshot.value : undefined;
  });
  useEffect(() => {
    const subscription = bucket.observe$<boolean>(key).subscribe(snapshot => {
      setStored(
        snapshot.presence === 'present' && typeof snapshot.value === 'boolean'
          ? snapshot.value
          : undefined,
      );
    });
    return () => subscription.unsubscribe();
  }, [bucket, key]);
  const setOpen = useCallback(
    (open: boolean) => {
      // shown at once; kept for this session even if saving fails
      setStored(open);
      bucket.set(key, open).catch(error => errorApi.post(error));
    },
    [bucket, key, errorApi],
  );
  return [stored ?? defaultOpen, setOpen];
}
