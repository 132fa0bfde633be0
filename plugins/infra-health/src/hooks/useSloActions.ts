import { useApi } from '@backstage/core-plugin-api';
import { SloDefinition } from '@opshub/plugin-infra-health-common';
import { useMutation } from '@opshub/opshub-react';
import { useMemo } from 'react';
import { infraHealthApiRef } from '../api';

/**
 * Create, update and delete SLOs; each resolves to undefined when it failed
 * (the failure is shown by `useMutation`). `onChanged` reloads the list,
 * after a success or a 409.
 *
 * @internal
 */
export function useSloActions(onChanged: () => void) {
  const api = useApi(infraHealthApiRef);
  const { run, busy } = useMutation(onChanged);
  return useMemo(
    () => ({
      busy,
      async create(slo: SloDefinition) {
        const created = await run(
          () => api.createSlo(slo),
          `SLO '${slo.name}' created`,
        );
        if (created) onChanged();
        return created;
      },
      async update(id: number, slo: SloDefinition) {
        const updated = await run(
          () => api.updateSlo(id, slo),
          `SLO '${slo.name}' saved`,
        );
        if (updated) onChanged();
        return updated;
      },
      async remove(id: number, name: string) {
        const done = await run(async () => {
          await api.deleteSlo(id);
          return true;
        }, `SLO '${name}' deleted`);
        if (done) onChanged();
        return done;
      },
    }),
    [api, run, busy, onChanged],
  );
}
