import { version } from '../../__testUtils__/fixtures';
import { mergeEnvironmentOrder, promotionOf } from './promotion';

describe('mergeEnvironmentOrder', () => {
  it('keeps every service order when services name different environments', () => {
    expect(
      mergeEnvironmentOrder([
        version({ service: 'a', environment: 'dev' }),
        version({ service: 'a', environment: 'prod' }),
        version({ service: 'b', environment: 'uat' }),
        version({ service: 'b', environment: 'prod' }),
        version({ service: 'c', environment: 'prod' }),
        version({ service: 'c', environment: 'dr' }),
      ]),
    ).toEqual(['dev', 'uat', 'prod', 'dr']);
  });
});

describe('promotionOf', () => {
  it('marks the environment that lags the previous present one', () => {
    const [row] = promotionOf(
      [
        version({ environment: 'dev', version: '2.5.1' }),
        version({ environment: 'uat', version: '2.5.1' }),
        version({ environment: 'prod', version: '2.5.0' }),
      ],
      ['dev', 'uat', 'prod'],
    );
    expect([...row.drift.entries()]).toEqual([
      ['prod', '2.5.1 in uat, not yet in prod'],
    ]);
  });

  it('compares across an environment the service is not deployed to', () => {
    const [row] = promotionOf(
      [
        version({ environment: 'dev', version: '1.1.0' }),
        version({ environment: 'prod', version: '1.0.0' }),
      ],
      ['dev', 'uat', 'prod'],
    );
    expect(row.drift.get('prod')).toBe('1.1.0 in dev, not yet in prod');
    expect(row.drift.has('uat')).toBe(false);
  });
});
