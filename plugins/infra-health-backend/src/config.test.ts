import { ConfigReader } from '@backstage/config';
import { readInfraHealthConfig } from './config';

const read = (infraHealth: object) =>
  readInfraHealthConfig(new ConfigReader({ infraHealth }));

describe('readInfraHealthConfig', () => {
  it('applies the defaults', () => {
    expect(readInfraHealthConfig(new ConfigReader({}))).toEqual({
      checks: [],
      sampleRetentionDays: 7,
      maintenanceWindows: [],
    });
    expect(
      read({
        checks: [
          {
            name: 'payments-prod',
            service: 'payments-api',
            url: 'https://payments.example.com/healthz',
          },
        ],
      }).checks,
    ).toEqual([
      {
        name: 'payments-prod',
        service: 'payments-api',
        url: 'https://payments.example.com/healthz',
        kind: 'http',
        method: 'GET',
        expectedStatus: 200,
        intervalSeconds: 30,
        timeoutMs: 5000,
        degradedLatencyMs: 1000,
        failureThreshold: 1,
        successThreshold: 1,
        runbookUrl: null,
        maintenanceWindows: [],
        settings: {},
        headers: {},
      },
    ]);
  });

  it('reads every field', () => {
    const config = read({
      sampleRetentionDays: 3,
      checks: [
        {
          name: 'search',
          service: 'search',
          url: 'http://search:8080/ready',
          method: 'head',
          expectedStatus: 204,
          intervalSeconds: 60,
          timeoutMs: 2000,
          degradedLatencyMs: 300,
        },
      ],
    });
    expect(config.sampleRetentionDays).toBe(3);
    expect(config.checks[0]).toMatchObject({
      method: 'HEAD',
      expectedStatus: 204,
      intervalSeconds: 60,
      timeoutMs: 2000,
      degradedLatencyMs: 300,
    });
  });

  it('rejects duplicate names, bad URLs and out-of-range numbers', () => {
    const check = { name: 'a', service: 's', url: 'https://a.example.com' };
    expect(() => read({ checks: [check, check] })).toThrow(
      /duplicate check name 'a'/,
    );
    const badUrl = () =>
      read({ checks: [{ ...check, url: 'ftp://user:hunter2@a.example.com' }] });
    expect(badUrl).toThrow(
      'Invalid config at infraHealth.checks[0].url: expected an http or https URL',
    );
    expect(badUrl).not.toThrow(/hunter2/);
    expect(() => read({ checks: [{ ...check, timeoutMs: 0 }] })).toThrow(
      /at infraHealth\.checks\[0\]\.timeoutMs: expected an integer from 1 to 60000/,
    );
    expect(() => read({ checks: [{ ...check, intervalSeconds: 1 }] })).toThrow(
      /intervalSeconds/,
    );
    expect(() => read({ checks: [{ ...check, method: 'TRACE' }] })).toThrow(
      /at infraHealth\.checks\[0\]\.method: expected one of GET, HEAD/,
    );
    expect(() => read({ sampleRetentionDays: 0 })).toThrow(
      /sampleRetentionDays/,
    );
  });

  it('reads every kind, thresholds, runbooks and maintenance windows', () => {
    const config = read({
      maintenanceWindows: [
        { start: '2026-12-24T22:00:00Z', end: '2026-12-25T02:00:00Z' },
      ],
      checks: [
        {
          name: 'pg',
          service: 'ledger',
          kind: 'postgres',
          connection: 'postgresql://reader:pw@127.0.0.1:5432/ledger',
          failureThreshold: 3,
          successThreshold: 2,
          runbookUrl: 'https://runbooks.example.com/ledger',
        },
        {
          name: 'tcp',
          service: 'ledger',
          kind: 'tcp',
          host: '127.0.0.1',
          port: 9,
        },
        {
          name: 'tls',
          service: 'ledger',
          kind: 'tls',
          host: 'example.com',
          warnDays: 30,
        },
      ],
    });
    expect(config.maintenanceWindows).toEqual([
      { start: '2026-12-24T22:00:00.000Z', end: '2026-12-25T02:00:00.000Z' },
    ]);
    expect(config.checks.map(c => [c.kind, c.url])).toEqual([
      ['postgres', 'postgresql://reader:pw@127.0.0.1:5432/ledger'],
      ['tcp', 'tcp://127.0.0.1:9'],
      ['tls', 'tls://example.com:443'],
    ]);
    expect(config.checks[0]).toMatchObject({
      failureThreshold: 3,
      successThreshold: 2,
      runbookUrl: 'https://runbooks.example.com/ledger',
    });
    expect(config.checks[2].settings).toEqual({
      host: 'example.com',
      port: 443,
      warnDays: 30,
      rejectUnauthorized: true,
    });
    expect(() =>
      read({ maintenanceWindows: [{ start: 'tomorrow', end: 'x' }] }),
    ).toThrow(/infraHealth\.maintenanceWindows\[0\]\.start/);
    expect(() =>
      read({
        checks: [
          { name: 'p', service: 's', kind: 'postgres', connection: 'nope:pw' },
        ],
      }),
    ).toThrow(/infraHealth\.checks\[0\]\.connection/);
  });
});
