import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Deployment,
  DeploymentSignal,
  deploymentSignalChannel,
} from '@opshub/plugin-deployment-rollback-common';

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/**
 * Tells open pages that a deployment changed, on
 * `deployment-rollback:service:<name>`. Written once for the webhook and the
 * trigger/rollback paths. A signal that cannot be sent is logged, never
 * thrown: the change itself is already committed.
 */
export async function publishDeploymentChange(
  signals: SignalsService | undefined,
  logger: LoggerService | undefined,
  after: Pick<Deployment, 'id' | 'service' | 'environment' | 'status'>,
): Promise<void> {
  try {
    const signal: DeploymentSignal = {
      type: 'deployment.changed',
      service: after.service,
      environment: after.environment,
      deploymentId: after.id,
      status: after.status,
    };
    await signals?.publish({
      recipients: { type: 'broadcast' },
      channel: deploymentSignalChannel(after.service),
      message: signal as unknown as SignalMessage,
    });
  } catch (error) {
    logger?.warn(
      `Could not publish the change of deployment ${after.id}: ${error}`,
    );
  }
}
