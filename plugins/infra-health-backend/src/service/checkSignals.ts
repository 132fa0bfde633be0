import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  HealthStatus,
  INFRA_HEALTH_CHECKS_SIGNAL_CHANNEL,
} from '@opshub/plugin-infra-health-common';

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/**
 * What `infra-health:checks` carries: a check's effective status changed, or
 * a check was added, edited or deleted through the API.
 *
 * @internal
 */
export type CheckSignal =
  | {
      type: 'check.status';
      checkId: number;
      service: string;
      from: HealthStatus;
      to: HealthStatus;
    }
  | {
      type: 'check.changed';
      checkId: number;
      service: string;
      change: 'created' | 'updated' | 'deleted';
    };

/**
 * Broadcasts a check signal. A signal that cannot be sent is logged, never
 * thrown: the change itself is already committed.
 *
 * @internal
 */
export async function publishCheckSignal(
  signals: SignalsService | undefined,
  logger: LoggerService,
  signal: CheckSignal,
): Promise<void> {
  try {
    await signals?.publish({
      recipients: { type: 'broadcast' },
      channel: INFRA_HEALTH_CHECKS_SIGNAL_CHANNEL,
      message: signal as unknown as SignalMessage,
    });
  } catch (error) {
    logger.warn(
      `Could not publish the ${signal.type} signal of health check ${signal.checkId}: ${error}`,
    );
  }
}
