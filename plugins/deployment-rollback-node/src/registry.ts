import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { argoCdExecutorFactory } from './executors/ArgoCdExecutor';
import { genericWebhookExecutorFactory } from './executors/GenericWebhookExecutor';
import { githubActionsExecutorFactory } from './executors/GitHubActionsExecutor';
import type { DeploymentExecutor, DeploymentExecutorFactory } from './types';

/**
 * The executor types that come with the package: `generic`,
 * `github-actions` and `argocd`.
 *
 * @public
 */
export const builtInExecutorFactories: readonly DeploymentExecutorFactory[] = [
  genericWebhookExecutorFactory,
  githubActionsExecutorFactory,
  argoCdExecutorFactory,
];

/**
 * One configured environment: its name, in promotion order, and its
 * executor when it has one.
 *
 * @public
 */
export interface ConfiguredEnvironment {
  name: string;
  /**
   * `autoSync: true`: the environment is GitOps auto-synced, so a rollback
   * outside Git would be undone; the backend refuses rollbacks (409).
   */
  autoSync: boolean;
  executor?: DeploymentExecutor;
}

const ENVIRONMENTS_KEY = 'deploymentRollback.environments';

/**
 * The executor factories by type, built-in ones first. The backend plugin
 * adds the factories modules give through
 * `deploymentExecutorsExtensionPoint`, then builds one executor per
 * environment with {@link DeploymentExecutorRegistry.readEnvironments}.
 *
 * @public
 */
export class DeploymentExecutorRegistry {
  private readonly factories = new Map<string, DeploymentExecutorFactory>();

  constructor(
    factories: readonly DeploymentExecutorFactory[] = builtInExecutorFactories,
  ) {
    for (const factory of factories) {
      this.add(factory);
    }
  }

  /** Adds a type; a type given twice is an error naming it. */
  add(factory: DeploymentExecutorFactory): void {
    if (!factory.type || typeof factory.create !== 'function') {
      throw new Error(
        'A deployment executor factory needs a type and create()',
      );
    }
    if (this.factories.has(factory.type)) {
      throw new Error(
        `Deployment executor type '${factory.type}' was added twice`,
      );
    }
    this.factories.set(factory.type, factory);
  }

  /** The known types, in the order they were added. */
  types(): string[] {
    return [...this.factories.keys()];
  }

  /**
   * `deploymentRollback.environments`, in order. Each entry is a name, or
   * `{ name, autoSync?, executor?: { type, ...options } }`; an executor is built for
   * every entry that has one. A duplicate name, an unknown type or bad
   * options throw an error naming the config key.
   */
  readEnvironments(options: {
    config: Config;
    logger: LoggerService;
  }): ConfiguredEnvironment[] {
    const { config, logger } = options;
    const raw = config.getOptional<unknown>(ENVIRONMENTS_KEY);
    if (raw === undefined) {
      return [];
    }
    if (!Array.isArray(raw)) {
      throw new Error(`Invalid config at ${ENVIRONMENTS_KEY}: expected a list`);
    }
    const seen = new Set<string>();
    return raw.map((item, index) => {
      const at = `${ENVIRONMENTS_KEY}[${index}]`;
      const environment = this.readEnvironment(item, at, logger);
      if (seen.has(environment.name)) {
        throw new Error(
          `Invalid config at ${at}: environment '${environment.name}' is listed twice`,
        );
      }
      seen.add(environment.name);
      return environment;
    });
  }

  private readEnvironment(
    item: unknown,
    at: string,
    logger: LoggerService,
  ): ConfiguredEnvironment {
    if (typeof item === 'string' && item.trim()) {
      return { name: item, autoSync: false };
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new Error(
        `Invalid config at ${at}: expected an environment name or { name, executor }`,
      );
    }
    const entry = new ConfigReader(
      item as Record<string, never>,
      'deploymentRollback config',
      undefined,
      at,
    );
    const name = entry.getString('name');
    const autoSync = entry.getOptionalBoolean('autoSync') ?? false;
    if (!entry.has('executor')) {
      return { name, autoSync };
    }
    const configPath = `${at}.executor`;
    const executorConfig = entry.getConfig('executor');
    const type = executorConfig.getString('type');
    const factory = this.factories.get(type);
    if (!factory) {
      throw new Error(
        `Invalid config at ${configPath}.type: unknown executor type '${type}'; known types: ${this.types().join(
          ', ',
        )}`,
      );
    }
    const executor = factory.create({
      environment: name,
      config: executorConfig,
      configPath,
      logger: logger.child({ environment: name, executor: type }),
    });
    return { name, autoSync, executor };
  }
}
