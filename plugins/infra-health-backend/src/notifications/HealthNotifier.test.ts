import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { HealthAlert } from '@opshub/plugin-infra-health-common';
import { startFakeSlack } from '../testing/fakeSaas';
import { HealthNotifier } from './HealthNotifier';

function alert(overrides: Partial<HealthAlert> = {}): HealthAlert {
  return {
    id: 1,
    fingerprint: 'f1',
    startsAt: '2026-12-02T10:00:00.000Z',
    endsAt: null,
    alertname: 'HighErrorRate',
    service: 'payments-api',
    severity: 'critical',
    summary: 'payments-api answers 5% errors',
    description: null,
    labels: {},
    annotations: {},
    generatorUrl: null,
    runbookUrl: 'https://runbooks.example.com/x',
    dashboardUrl: null,
    state: 'firing',
    acknowledgement: null,
    resolution: null,
    lastReceivedAt: '2026-12-02T10:00:00.000Z',
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
    ...overrides,
  };
}

describe('HealthNotifier', () => {
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.requests.length = 0;
  });

  function setup(options: { slack?: boolean; perMinute?: number } = {}) {
    const sent: NotificationSendOptions[] = [];
    let now = Date.parse('2026-12-02T10:00:00Z');
    const notifier = new HealthNotifier({
      logger: mockServices.logger.mock(),
      notifications: {
        send: async (sendOptions: NotificationSendOptions) => {
          sent.push(sendOptions);
        },
      },
      slackWebhookUrl: options.slack === false ? undefined : slack.webhookUrl,
      owners: {
        entityRefOf: async service =>
          service === 'payments-api'
            ? 'component:default/payments-api'
            : undefined,
      },
      perServicePerMinute: options.perMinute ?? 2,
      appBaseUrl: 'http://opshub.example.com',
      now: () => now,
    });
    return { notifier, sent, advance: (ms: number) => (now += ms) };
  }

  it('sends a new alert once to the owner and to Slack', async () => {
    const { notifier, sent } = setup();
    expect(await notifier.notifyNewAlert(alert())).toBe('sent');
    expect(await notifier.notifyNewAlert(alert())).toBe('duplicate');
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'component:default/payments-api',
        },
        payload: {
          title: 'HighErrorRate firing on payments-api',
          description: 'payments-api answers 5% errors',
          link: '/infra-health/alerts?alert=1',
          severity: 'critical',
          topic: 'infra-health:alert',
          scope: 'alert:f1:2026-12-02T10:00:00.000Z',
        },
      },
    ]);
    expect(slack.requests).toHaveLength(1);
    const text = JSON.parse(slack.requests[0].body).text;
    expect(text).toContain('HighErrorRate firing on payments-api');
    expect(text).toContain(
      '<http://opshub.example.com/infra-health/alerts?alert=1|Open in OpsHub>',
    );
  });

  it('broadcasts when no entity names the service, and Slack is off without a URL', async () => {
    const { notifier, sent } = setup({ slack: false });
    await notifier.notifyNewAlert(alert({ service: 'unknown-svc' }));
    expect(sent[0].recipients).toEqual({ type: 'broadcast' });
    expect(slack.requests).toHaveLength(0);
  });

  it('rate-limits per service and minute', async () => {
    const { notifier, sent, advance } = setup({ perMinute: 2 });
    const outcomes = [];
    for (let i = 1; i <= 3; i++) {
      outcomes.push(
        await notifier.notifyNewAlert(alert({ id: i, fingerprint: `f${i}` })),
      );
    }
    expect(outcomes).toEqual(['sent', 'sent', 'rate-limited']);
    // another service has its own budget
    expect(
      await notifier.notifyNewAlert(
        alert({ id: 9, fingerprint: 'g', service: 'checkout-web' }),
      ),
    ).toBe('sent');
    advance(60_000);
    expect(
      await notifier.notifyNewAlert(alert({ id: 4, fingerprint: 'f4' })),
    ).toBe('sent');
    expect(sent).toHaveLength(4);
  });

  it('notifies check status changes once per change', async () => {
    const { notifier, sent } = setup({ perMinute: 10 });
    const check = {
      id: 7,
      name: 'payments-api readiness',
      service: 'payments-api',
    };
    expect(
      await notifier.notifyCheckStatusChange(check, 'unknown', 'healthy'),
    ).toBe('skipped');
    expect(
      await notifier.notifyCheckStatusChange(check, 'healthy', 'unhealthy'),
    ).toBe('sent');
    expect(
      await notifier.notifyCheckStatusChange(check, 'healthy', 'unhealthy'),
    ).toBe('duplicate');
    expect(
      await notifier.notifyCheckStatusChange(check, 'unhealthy', 'healthy'),
    ).toBe('sent');
    expect(sent.map(s => [s.payload.title, s.payload.severity])).toEqual([
      ['payments-api readiness is unhealthy', 'high'],
      ['payments-api readiness is healthy', 'low'],
    ]);
    expect(slack.requests).toHaveLength(2);
  });

  it('keeps going when a channel fails', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new HealthNotifier({
      logger,
      notifications: {
        send: async () => {
          throw new Error('notifications backend down');
        },
      },
      slackWebhookUrl: `${slack.url}/services/revoked`,
      perServicePerMinute: 5,
    });
    expect(await notifier.notifyNewAlert(alert())).toBe('sent');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend down'),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Slack answered HTTP 404: no_service'),
    );
  });
});
