import { ConfigReader } from '@backstage/config';
import { readInfraHealthConfig } from './config';

const read = (infraHealth: object) =>
  readInfraHealthConfig(new ConfigReader({ infraHealth }));

describe('readInfraHealthConfig', () => {
  it('applies the defaults', () => {
    expect(readInfraHealthConfig(new ConfigReader({}))).toEqual({
      checks: [],
      sampleRetentionDays: 7,
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
        method: 'GET',
        expectedStatus: 200,
        intervalSeconds: 30,
        timeoutMs: 5000,
        degradedLatencyMs: 1000,
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
      /at infraHealth\.checks\[0\]\.method: expected one of .*, got TRACE/,
    );
    expect(() => read({ sampleRetentionDays: 0 })).toThrow(
      /sampleRetentionDays/,
    );
  });
});
