import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import { CONFIG_MASK } from '@opshub/plugin-devops-inspector-common';
import {
  ConfigStatusService,
  isSecretKey,
  isSecretValue,
} from './ConfigStatusService';

jest.setTimeout(120_000);

const SCHEMA_SECRET = 'pg-Schema-Secret-1';
const KEY_SECRET = 'unknown-Api-Token-2';
const URL_SECRET = 'url-Userinfo-Secret-3';
const DEP_SECRET = 'dep-Secret-4';

const data = {
  app: { title: 'OpsHub', baseUrl: 'http://localhost:3000' },
  backend: { listen: { port: 7007 } },
  devopsInspector: {
    current: { name: 'dev-eu', tier: 'dev' },
    environments: {
      dev: {
        label: 'Development',
        tier: 'dev',
        connection: `postgresql://inspector:${SCHEMA_SECRET}@dev-db:5432/app`,
        statementTimeoutMs: 5000,
      },
    },
    dependencies: [
      { name: 'billing', url: `https://u:${DEP_SECRET}@billing.example/h` },
    ],
  },
  somePlugin: {
    apiToken: KEY_SECRET,
    mirror: `https://bot:${URL_SECRET}@git.example.com/repo.git`,
    empty: '',
  },
};

function expectNoSecret(text: string) {
  for (const secret of [SCHEMA_SECRET, KEY_SECRET, URL_SECRET, DEP_SECRET]) {
    expect(text).not.toContain(secret);
  }
}

describe('secret guards', () => {
  it('recognises secret-looking keys', () => {
    for (const key of [
      'a.password',
      'a.apiToken',
      'a.clientSecret',
      'a.api_key',
      'a.privateKey',
      'a.credentials',
      'a.connectionString',
      'a.connection',
      'a.tokens[0]',
    ]) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['app.title', 'backend.listen.port', 'a.baseUrl']) {
      expect(isSecretKey(key)).toBe(false);
    }
  });

  it('recognises URLs with user info and keyword passwords', () => {
    expect(isSecretValue('https://u:p@host/x')).toBe(true);
    expect(isSecretValue('redis://:p@host')).toBe(true);
    expect(isSecretValue('host=db password=x')).toBe(true);
    expect(isSecretValue('https://host/x?a=b')).toBe(false);
    expect(isSecretValue(42)).toBe(false);
  });
});

describe('ConfigStatusService', () => {
  it('masks schema secrets, secret keys and URLs with credentials (real plugin schema)', async () => {
    const service = new ConfigStatusService({
      config: new ConfigReader(data),
      loadSchema: () =>
        loadConfigSchema({
          dependencies: ['@opshub/plugin-devops-inspector-backend'],
        }),
    });
    const status = await service.getConfigStatus();
    expect(status.schemaLoaded).toBe(true);
    expectNoSecret(JSON.stringify(status));
    const byKey = new Map(status.entries.map(e => [e.key, e]));
    expect(byKey.get('devopsInspector.environments.dev.connection')).toEqual({
      key: 'devopsInspector.environments.dev.connection',
      value: CONFIG_MASK,
      masked: true,
      maskedBy: 'schema',
      set: true,
    });
    expect(byKey.get('devopsInspector.dependencies[0].url')).toMatchObject({
      masked: true,
      maskedBy: 'schema',
    });
    expect(byKey.get('somePlugin.apiToken')).toMatchObject({
      value: CONFIG_MASK,
      masked: true,
      maskedBy: 'key',
    });
    expect(byKey.get('somePlugin.mirror')).toMatchObject({
      value: CONFIG_MASK,
      masked: true,
      maskedBy: 'value',
    });
    expect(byKey.get('app.title')).toEqual({
      key: 'app.title',
      value: 'OpsHub',
      masked: false,
      set: true,
    });
    expect(byKey.get('backend.listen.port')?.value).toBe(7007);
    expect(byKey.get('somePlugin.empty')).toMatchObject({
      value: '',
      set: false,
    });
  });

  it('masks every string when the schema cannot be loaded', async () => {
    const service = new ConfigStatusService({
      config: new ConfigReader(data),
      loadSchema: async () => {
        throw new Error('no schema');
      },
    });
    const status = await service.getConfigStatus();
    expect(status.schemaLoaded).toBe(false);
    expectNoSecret(JSON.stringify(status));
    expect(status.entries.find(e => e.key === 'app.title')).toMatchObject({
      value: CONFIG_MASK,
      maskedBy: 'no-schema',
    });
    expect(
      status.entries.find(e => e.key === 'backend.listen.port')?.value,
    ).toBe(7007);
  });
});
