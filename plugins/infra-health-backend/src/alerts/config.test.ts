import { ConfigReader } from '@backstage/config';
import { readAlertsConfig } from './config';

describe('readAlertsConfig', () => {
  it('applies defaults and leaves everything off when unset', () => {
    expect(readAlertsConfig(new ConfigReader({}), {})).toEqual({
      alertmanagerToken: undefined,
      serviceLabel: 'service',
      slackWebhookUrl: undefined,
      slackDisabled: false,
      pagerduty: undefined,
      perServicePerMinute: 5,
      appBaseUrl: undefined,
      resolvedAlertDays: 365,
    });
  });

  it('treats empty secrets (unset ${VARS}) as not configured', () => {
    const config = new ConfigReader({
      infraHealth: {
        alertmanager: { token: '  ' },
        slack: { webhookUrl: '' },
        pagerduty: { routingKey: '' },
      },
    });
    const read = readAlertsConfig(config, {});
    expect(read.alertmanagerToken).toBeUndefined();
    expect(read.slackWebhookUrl).toBeUndefined();
    expect(read.pagerduty).toBeUndefined();
  });

  it('reads the configured values, and DISABLE_SLACK turns Slack off', () => {
    const config = new ConfigReader({
      app: { baseUrl: 'http://opshub.example.com/' },
      infraHealth: {
        alertmanager: { token: 't0k', serviceLabel: 'app' },
        slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/secret' },
        pagerduty: { routingKey: 'rk', baseUrl: 'http://127.0.0.1:1234/' },
        notifications: { perServicePerMinute: 3 },
        retention: { resolvedAlertDays: 90 },
      },
    });
    expect(readAlertsConfig(config, {})).toEqual({
      alertmanagerToken: 't0k',
      serviceLabel: 'app',
      slackWebhookUrl: 'https://hooks.slack.com/services/T/B/secret',
      slackDisabled: false,
      pagerduty: { routingKey: 'rk', baseUrl: 'http://127.0.0.1:1234' },
      perServicePerMinute: 3,
      appBaseUrl: 'http://opshub.example.com',
      resolvedAlertDays: 90,
    });
    const off = readAlertsConfig(config, { DISABLE_SLACK: '1' });
    expect(off.slackWebhookUrl).toBeUndefined();
    expect(off.slackDisabled).toBe(true);
    expect(
      readAlertsConfig(config, { DISABLE_SLACK: 'false' }).slackWebhookUrl,
    ).toBeDefined();
  });

  it('refuses a Slack URL that is not http(s), without echoing it', () => {
    const config = new ConfigReader({
      infraHealth: { slack: { webhookUrl: 'ftp://secret-path' } },
    });
    expect(() => readAlertsConfig(config, {})).toThrow(
      'Invalid config at infraHealth.slack.webhookUrl: expected an http or https URL',
    );
  });
});
