import { useApi } from '@backstage/core-plugin-api';
import {
  RollbackDeploymentRequest,
  TriggerDeploymentRequest,
} from '@opshub/plugin-deployment-rollback-common';
import { useMutation } from '@opshub/opshub-react';
import { useCallback } from 'react';
import { deploymentRollbackApiRef } from '../api';
import { useDeploymentRefresh } from './useDeploymentRefresh';

/**
 * Deploy and rollback of one service environment. Failures stay in `error`
 * (shown in the dialog, in the server's words); a 409 refetches the views,
 * and so does a success.
 */
export function useDeploymentWrites(service: string, environment: string) {
  const api = useApi(deploymentRollbackApiRef);
  const { bump } = useDeploymentRefresh();
  const mutation = useMutation(bump, { errors: 'inline' });
  const { run } = mutation;

  const deploy = useCallback(
    async (request: TriggerDeploymentRequest) => {
      const result = await run(
        () => api.triggerDeployment(service, environment, request),
        `Deployment of ${request.version} to ${environment} started`,
      );
      if (result) {
        bump();
      }
      return result;
    },
    [api, run, bump, service, environment],
  );

  const rollback = useCallback(
    async (request: RollbackDeploymentRequest) => {
      const result = await run(
        () => api.rollback(service, environment, request),
        `Rollback of ${service} in ${environment} started`,
      );
      if (result) {
        bump();
      }
      return result;
    },
    [api, run, bump, service, environment],
  );

  return { deploy, rollback, busy: mutation.busy, error: mutation.error };
}
