import { isCounterSelector, sliQuery } from './queries';
import { sloDefinitionSchema } from './schema';

const prometheusSlo = {
  name: 'payments availability',
  service: 'payments-api',
  objective: 99.9,
  window: '30d',
  source: 'prometheus',
  good: 'http_requests_total{job="payments",code!~"5.."}',
  total: 'http_requests_total{job="payments"}',
};

const issues = (value: unknown) => {
  const result = sloDefinitionSchema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

describe('sloDefinitionSchema', () => {
  it('accepts a prometheus SLO and a checks SLO', () => {
    expect(issues(prometheusSlo)).toEqual([]);
    expect(
      issues({
        name: 'x',
        service: 'payments-api',
        objective: 99,
        window: '7d',
        source: 'checks',
      }),
    ).toEqual([]);
  });

  it('requires good and total for prometheus SLOs', () => {
    const { good, total, ...rest } = prometheusSlo;
    expect(issues(rest)).toEqual([
      'good: is required for a prometheus SLO',
      'total: is required for a prometheus SLO',
    ]);
  });

  it('rejects good/total that are not counter selectors', () => {
    expect(
      issues({
        ...prometheusSlo,
        good: 'sum(rate(http_requests_total[5m]))',
        total: 'x[5m]',
      }),
    ).toEqual([
      'good: must be a counter selector such as http_requests_total{job="api",code!~"5.."}',
      'total: must be a counter selector such as http_requests_total{job="api",code!~"5.."}',
    ]);
  });

  it('rejects good/total on a checks SLO, bad objectives and windows', () => {
    expect(
      issues({
        ...prometheusSlo,
        source: 'checks',
        objective: 100,
        window: '1y',
      }),
    ).toEqual([
      'objective: must be below 100 (a percentage, e.g. 99.9)',
      "window: window must be a number and one unit of s, m, h, d, w (e.g. 30d), got '1y'",
      'good: is only for prometheus SLOs',
      'total: is only for prometheus SLOs',
    ]);
    expect(issues({ ...prometheusSlo, objective: '99' })).toEqual([
      'objective: must be a number',
    ]);
    expect(issues({ ...prometheusSlo, extra: 1 })).toEqual([
      ": Unrecognized key(s) in object: 'extra'",
    ]);
  });
});

describe('PromQL construction', () => {
  it('accepts selectors only', () => {
    expect(isCounterSelector('http_requests_total')).toBe(true);
    expect(isCounterSelector('{__name__="x",job="a"}')).toBe(true);
    expect(isCounterSelector('x{path="/a{b}"}')).toBe(true);
    expect(isCounterSelector('')).toBe(false);
    expect(isCounterSelector('x or vector(1)')).toBe(false);
    expect(isCounterSelector('x}[5m]) + on() (y{')).toBe(false);
    expect(isCounterSelector('x{a="1"} / y')).toBe(false);
  });

  it('builds the ratio of increases over the window', () => {
    expect(sliQuery('good_total', 'all_total{job="a"}', '30d')).toBe(
      '(sum(increase(good_total[30d])) or vector(0)) / sum(increase(all_total{job="a"}[30d]))',
    );
  });
});
