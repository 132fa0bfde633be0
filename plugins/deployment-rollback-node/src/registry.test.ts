import { ConfigReader } from '@backstage/config';
import { ArgoCdExecutor } from './executors/ArgoCdExecutor';
import { GenericWebhookExecutor } from './executors/GenericWebhookExecutor';
import { GitHubActionsExecutor } from './executors/GitHubActionsExecutor';
import {
  builtInExecutorFactories,
  DeploymentExecutorRegistry,
} from './registry';
import type {
  DeploymentExecutor,
  DeploymentExecutorFactory,
  DeploymentExecutorFactoryOptions,
} from './types';
import {
  json,
  recordingLogger,
  useProviderServers,
} from './__testUtils__/providerServer';

const SECRET = 'registry-secret-value-5ac1';

function config(environments: unknown) {
  return new ConfigReader({ deploymentRollback: { environments } } as any);
}

describe('DeploymentExecutorRegistry', () => {
  const serve = useProviderServers();

  it('knows the three built-in types', () => {
    expect(new DeploymentExecutorRegistry().types()).toEqual([
      'generic',
      'github-actions',
      'argocd',
    ]);
    expect(builtInExecutorFactories.map(f => f.type)).toEqual([
      'generic',
      'github-actions',
      'argocd',
    ]);
  });

  it('builds one executor per environment that names one, in order', () => {
    const environments = new DeploymentExecutorRegistry().readEnvironments({
      logger: recordingLogger(),
      config: config([
        'local',
        { name: 'dev' },
        {
          name: 'uat',
          executor: {
            type: 'generic',
            url: 'http://d.test/{service}',
            secret: SECRET,
          },
        },
        {
          name: 'staging',
          executor: {
            type: 'github-actions',
            owner: 'acme',
            repo: '{service}',
            workflowId: 'deploy.yml',
            token: SECRET,
          },
        },
        {
          name: 'prod',
          autoSync: true,
          executor: {
            type: 'argocd',
            baseUrl: 'https://argocd.test',
            token: SECRET,
            application: '{service}-prod',
          },
        },
      ]),
    });

    expect(environments.map(e => e.name)).toEqual([
      'local',
      'dev',
      'uat',
      'staging',
      'prod',
    ]);
    expect(environments.map(e => e.autoSync)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(environments[0].executor).toBeUndefined();
    expect(environments[1].executor).toBeUndefined();
    expect(environments[2].executor).toBeInstanceOf(GenericWebhookExecutor);
    expect(environments[3].executor).toBeInstanceOf(GitHubActionsExecutor);
    expect(environments[4].executor).toBeInstanceOf(ArgoCdExecutor);
  });

  it('is empty without environments', () => {
    expect(
      new DeploymentExecutorRegistry().readEnvironments({
        logger: recordingLogger(),
        config: new ConfigReader({}),
      }),
    ).toEqual([]);
  });

  it('gives an added factory the environment, its executor block and its path', async () => {
    const server = await serve((_req, res) => json(res, 200));
    const seen: DeploymentExecutorFactoryOptions[] = [];
    const custom: DeploymentExecutorFactory = {
      type: 'spinnaker',
      create(options) {
        seen.push(options);
        const pipeline = options.config.getString('pipeline');
        const executor: DeploymentExecutor = {
          id: 'spinnaker',
          async deploy(request) {
            await fetch(`${server.url}/${pipeline}/${request.version}`, {
              method: 'POST',
            });
            return {
              accepted: true,
              externalId: `${pipeline}-${request.deploymentId}`,
            };
          },
          async rollback() {
            return {
              accepted: false,
              code: 'http_error',
              message: 'not supported',
            };
          },
        };
        return executor;
      },
    };
    const registry = new DeploymentExecutorRegistry();
    registry.add(custom);
    const [prod] = registry.readEnvironments({
      logger: recordingLogger(),
      config: config([
        {
          name: 'prod',
          executor: { type: 'spinnaker', pipeline: 'deploy-prod' },
        },
      ]),
    });

    expect(seen).toHaveLength(1);
    expect(seen[0].environment).toBe('prod');
    expect(seen[0].configPath).toBe(
      'deploymentRollback.environments[0].executor',
    );
    await expect(
      prod.executor!.deploy({
        deploymentId: 5,
        service: 'web',
        environment: 'prod',
        version: '3.1.0',
        actor: 'user:default/alice',
      }),
    ).resolves.toEqual({ accepted: true, externalId: 'deploy-prod-5' });
    expect(server.received.map(r => r.url)).toEqual(['/deploy-prod/3.1.0']);
  });

  it('refuses a type added twice', () => {
    const registry = new DeploymentExecutorRegistry();
    expect(() => registry.add(builtInExecutorFactories[2])).toThrow(
      "Deployment executor type 'argocd' was added twice",
    );
  });

  it('names the config key of every mistake, never a secret', () => {
    const read = (environments: unknown) => () =>
      new DeploymentExecutorRegistry().readEnvironments({
        logger: recordingLogger(),
        config: config(environments),
      });

    expect(read('prod')).toThrow(
      'Invalid config at deploymentRollback.environments: expected a list',
    );
    expect(read(['dev', 42])).toThrow(
      'Invalid config at deploymentRollback.environments[1]: expected an environment name or { name, executor }',
    );
    expect(read(['dev', { name: 'dev' }])).toThrow(
      "Invalid config at deploymentRollback.environments[1]: environment 'dev' is listed twice",
    );
    expect(read([{ name: 'prod', autoSync: 'sometimes' }])).toThrow(
      "Unable to convert config value for key 'deploymentRollback.environments[0].autoSync'",
    );
    expect(read([{ executor: { type: 'generic' } }])).toThrow(
      "Missing required config value at 'deploymentRollback.environments[0].name'",
    );
    expect(
      read([{ name: 'prod', executor: { type: 'jenkins', token: SECRET } }]),
    ).toThrow(
      "Invalid config at deploymentRollback.environments[0].executor.type: unknown executor type 'jenkins'; known types: generic, github-actions, argocd",
    );
    expect(
      read([
        {
          name: 'prod',
          autoSync: true,
          executor: {
            type: 'argocd',
            baseUrl: 'https://a.test',
            application: 'x',
          },
        },
      ]),
    ).toThrow(
      "Missing required config value at 'deploymentRollback.environments[0].executor.token'",
    );
    const bad = read([
      {
        name: 'prod',
        executor: {
          type: 'generic',
          url: `gopher://${SECRET}`,
          secret: SECRET,
        },
      },
    ]);
    expect(bad).toThrow(
      'Invalid config at deploymentRollback.environments[0].executor.url: expected an http or https URL',
    );
    let message = '';
    try {
      bad();
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain('executor.url');
    expect(message).not.toContain(SECRET);
  });
});
