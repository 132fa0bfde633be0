import { IncomingAlert } from './AlertStore';

/**
 * An incoming firing alert for tests.
 *
 * @internal
 */
export function incomingAlert(
  overrides: Partial<IncomingAlert> & { fingerprint: string },
): IncomingAlert {
  return {
    status: 'firing',
    startsAt: new Date('2026-12-02T10:00:00.000Z'),
    endsAt: null,
    alertname: 'HighErrorRate',
    service: 'payments-api',
    severity: 'critical',
    summary: 'payments-api answers 5% errors',
    description: 'More than 5% of requests failed in the last 5 minutes',
    labels: {
      alertname: 'HighErrorRate',
      service: 'payments-api',
      severity: 'critical',
    },
    annotations: { summary: 'payments-api answers 5% errors' },
    generatorUrl: 'http://prometheus.example.com/graph?g0.expr=up',
    runbookUrl: 'https://runbooks.example.com/high-error-rate',
    dashboardUrl: null,
    ...overrides,
  };
}

/**
 * An Alertmanager webhook payload (version 4) as Alertmanager 0.25 sends it.
 *
 * @internal
 */
export function alertmanagerPayload(
  alerts: Array<{
    fingerprint: string;
    status?: 'firing' | 'resolved';
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    startsAt?: string;
    endsAt?: string;
    generatorURL?: string;
  }>,
) {
  const full = alerts.map(alert => ({
    status: alert.status ?? 'firing',
    labels: alert.labels ?? {
      alertname: 'HighErrorRate',
      service: 'payments-api',
      severity: 'critical',
    },
    annotations: alert.annotations ?? {
      summary: 'payments-api answers 5% errors',
      runbook_url: 'https://runbooks.example.com/high-error-rate',
      dashboard_url: 'https://grafana.example.com/d/payments',
    },
    startsAt: alert.startsAt ?? '2026-12-02T10:00:00.123456789Z',
    endsAt: alert.endsAt ?? '0001-01-01T00:00:00Z',
    generatorURL:
      alert.generatorURL ?? 'http://prometheus.example.com/graph?g0.expr=up',
    fingerprint: alert.fingerprint,
  }));
  return {
    receiver: 'opshub',
    status: full.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: full,
    groupLabels: { alertname: 'HighErrorRate' },
    commonLabels: { alertname: 'HighErrorRate' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com:9093',
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
  };
}
