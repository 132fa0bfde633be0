import { WebhookProvider } from '@opshub/plugin-deployment-rollback-common';
import { argocdProvider } from './argocd';
import { genericProvider } from './generic';
import { githubProvider } from './github';
import { gitlabProvider } from './gitlab';
import { WebhookProviderSpec } from './types';

/** @internal */
export const WEBHOOK_PROVIDERS: Record<WebhookProvider, WebhookProviderSpec> = {
  github: githubProvider,
  gitlab: gitlabProvider,
  argocd: argocdProvider,
  generic: genericProvider,
};

/** @internal */
export const WEBHOOK_PROVIDER_NAMES = Object.keys(
  WEBHOOK_PROVIDERS,
) as WebhookProvider[];
