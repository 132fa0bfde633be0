import { SloStatus } from '@opshub/plugin-infra-health-common';

const base = {
  service: 'payments-api',
  createdBy: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  rangeStep: '12h',
};

/** SLOs as `GET /slos` returns them, for component tests. */
export const paymentsSlos: SloStatus[] = [
  {
    ...base,
    id: 1,
    name: 'payments availability',
    objective: 99.9,
    window: '30d',
    source: 'prometheus',
    good: 'http_requests_total{code!~"5.."}',
    total: 'http_requests_total',
    origin: 'config',
    sli: 0.9995,
    errorBudgetRemaining: 0.5,
    burnRates: [
      {
        longWindow: '1h',
        shortWindow: '5m',
        factor: 14.4,
        longBurnRate: 20,
        shortBurnRate: 50,
        firing: true,
      },
      {
        longWindow: '6h',
        shortWindow: '30m',
        factor: 6,
        longBurnRate: 2.36,
        shortBurnRate: 17.33,
        firing: false,
      },
      {
        longWindow: '3d',
        shortWindow: '6h',
        factor: 1,
        longBurnRate: null,
        shortBurnRate: 2.36,
        firing: false,
      },
    ],
    range: [
      { time: '2026-12-01T22:00:00.000Z', sli: 0.9999, burnRate: 0.1 },
      { time: '2026-12-02T10:00:00.000Z', sli: 0.998, burnRate: 2 },
    ],
    error: null,
  },
  {
    ...base,
    id: 2,
    name: 'payments latency',
    objective: 99,
    window: '7d',
    source: 'prometheus',
    good: 'x_total',
    total: 'y_total',
    origin: 'api',
    sli: null,
    errorBudgetRemaining: null,
    burnRates: [],
    range: [],
    error: {
      kind: 'error',
      message: 'Prometheus is unreachable: ECONNREFUSED',
    },
  },
  {
    ...base,
    id: 3,
    name: 'payments checks',
    objective: 99.5,
    window: '7d',
    source: 'checks',
    origin: 'api',
    sli: null,
    errorBudgetRemaining: null,
    burnRates: [],
    range: [],
    error: {
      kind: 'not_configured',
      message: 'Prometheus not configured: set infraHealth.prometheus.baseUrl',
    },
  },
];
