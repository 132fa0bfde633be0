import { ConfigReader } from '@backstage/config';
import { readDataCheckConfig, readInspectorEnvironments } from './config';

const secret = 'postgresql://inspector:hunter2-secret@db:5432/app';

describe('readInspectorEnvironments', () => {
  it('returns nothing when no environment is configured', () => {
    expect(readInspectorEnvironments(new ConfigReader({}))).toEqual([]);
  });

  it('reads environments in order with defaults', () => {
    const environments = readInspectorEnvironments(
      new ConfigReader({
        devopsInspector: {
          environments: {
            local: { label: 'Local', tier: 'local', connection: secret },
            uat: {
              label: 'UAT',
              tier: 'uat',
              connection: secret,
              statementTimeoutMs: 1500,
              poolSize: 4,
            },
          },
        },
      }),
    );
    expect(environments).toEqual([
      {
        name: 'local',
        label: 'Local',
        tier: 'local',
        connection: secret,
        statementTimeoutMs: 5000,
        poolSize: 2,
      },
      {
        name: 'uat',
        label: 'UAT',
        tier: 'uat',
        connection: secret,
        statementTimeoutMs: 1500,
        poolSize: 4,
      },
    ]);
  });

  it.each([
    [
      'an unknown tier',
      { label: 'X', tier: 'staging', connection: secret },
      /tier/,
    ],
    [
      'a zero pool',
      { label: 'X', tier: 'dev', connection: secret, poolSize: 0 },
      /poolSize/,
    ],
    [
      'a fractional timeout',
      { label: 'X', tier: 'dev', connection: secret, statementTimeoutMs: 1.5 },
      /statementTimeoutMs/,
    ],
    ['a missing connection', { label: 'X', tier: 'dev' }, /connection/],
  ])('rejects %s without echoing the connection', (_what, entry, message) => {
    let error: Error | undefined;
    try {
      readInspectorEnvironments(
        new ConfigReader({ devopsInspector: { environments: { dev: entry } } }),
      );
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('hunter2');
  });

  it('rejects names that are not URL- and policy-safe', () => {
    expect(() =>
      readInspectorEnvironments(
        new ConfigReader({
          devopsInspector: {
            environments: {
              'prod db': { label: 'X', tier: 'prod', connection: secret },
            },
          },
        }),
      ),
    ).toThrow(/Invalid environment name/);
  });
});

describe('readDataCheckConfig', () => {
  it('is off unless configured', () => {
    expect(readDataCheckConfig(new ConfigReader({}))).toEqual({
      enabled: false,
      fdwEnabled: false,
    });
    expect(
      readDataCheckConfig(
        new ConfigReader({
          devopsInspector: {
            dataCheck: { enabled: true, fdw: { enabled: true } },
          },
        }),
      ),
    ).toEqual({ enabled: true, fdwEnabled: true });
  });

  it('keeps an environment fdwAdminConnection', () => {
    const [env] = readInspectorEnvironments(
      new ConfigReader({
        devopsInspector: {
          environments: {
            local: {
              label: 'Local',
              tier: 'local',
              connection: secret,
              fdwAdminConnection: secret,
            },
          },
        },
      }),
    );
    expect(env.fdwAdminConnection).toBe(secret);
  });
});
