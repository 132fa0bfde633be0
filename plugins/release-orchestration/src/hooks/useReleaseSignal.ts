import { useSignal } from '@backstage/plugin-signals-react';
import { releaseSignalChannel } from '@opshub/plugin-release-orchestration-common';
import { useCallback, useEffect, useState } from 'react';

/**
 * A counter that goes up on every message of the release's signal channel
 * (`release-orchestration:release:<id>`) and on `bump()`. Pass it to the
 * data hooks so they refetch.
 *
 * @internal
 */
export function useReleaseRefresh(releaseId: number) {
  const { lastSignal } = useSignal(releaseSignalChannel(releaseId));
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    if (lastSignal) {
      setRefresh(n => n + 1);
    }
  }, [lastSignal]);
  const bump = useCallback(() => setRefresh(n => n + 1), []);
  return { refresh, bump };
}
