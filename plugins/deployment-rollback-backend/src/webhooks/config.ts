import { Config } from '@backstage/config';
import { WebhookProvider } from '@opshub/plugin-deployment-rollback-common';

const SECRET_KEYS: Record<WebhookProvider, string> = {
  github: 'deploymentRollback.webhooks.github.secret',
  gitlab: 'deploymentRollback.webhooks.gitlab.token',
  argocd: 'deploymentRollback.webhooks.argocd.token',
  generic: 'deploymentRollback.webhooks.generic.secret',
};

/**
 * The configured secret of each webhook provider. Unset, empty and
 * whitespace-only values (what `${GITHUB_WEBHOOK_SECRET}` becomes when the
 * variable is unset or empty) leave the provider unconfigured, so its route
 * answers 404: an empty secret would let anyone sign.
 *
 * @internal
 */
export function readWebhookSecrets(
  config: Config,
): Partial<Record<WebhookProvider, string>> {
  const secrets: Partial<Record<WebhookProvider, string>> = {};
  for (const [provider, key] of Object.entries(SECRET_KEYS) as Array<
    [WebhookProvider, string]
  >) {
    // getOptional: getOptionalString throws on an empty string
    const value = config.getOptional(key);
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value !== 'string') {
      throw new Error(`Invalid config at ${key}: expected a string`);
    }
    if (value.trim() !== '') {
      secrets[provider] = value;
    }
  }
  return secrets;
}

/**
 * `deploymentRollback.webhooks.github.workflows`: a list of
 * `{ path, environment }`, the workflow file
 * (`.github/workflows/deploy-prod.yml`) and the environment its runs deploy
 * to. (A list, because config keys cannot hold dots or slashes.)
 *
 * @internal
 */
export function readGithubWorkflowEnvironments(
  config: Config,
): Record<string, string> {
  const key = 'deploymentRollback.webhooks.github.workflows';
  const result: Record<string, string> = {};
  for (const [index, workflow] of (
    config.getOptionalConfigArray(key) ?? []
  ).entries()) {
    const path = workflow.getString('path').trim();
    const environment = workflow.getString('environment').trim();
    if (!path || !environment) {
      throw new Error(
        `Invalid config at ${key}[${index}]: path and environment must not be empty`,
      );
    }
    result[path] = environment;
  }
  return result;
}
