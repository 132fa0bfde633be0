import { ConfigReader } from '@backstage/config';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;
type JsonValue = JsonObject[string];
import { readDriftConfig } from './driftConfig';

function config(environments: JsonObject, drift?: JsonValue) {
  return new ConfigReader({
    devopsInspector: { environments, ...(drift ? { drift } : {}) },
  });
}

const env = (drift?: JsonValue): JsonObject => ({
  label: 'x',
  tier: 'dev',
  connection: 'postgresql://x',
  ...(drift === undefined ? {} : { drift }),
});

describe('readDriftConfig', () => {
  it('is off unless an environment enables it', () => {
    expect(readDriftConfig(new ConfigReader({}))).toEqual({
      environments: [],
      notifyRecipients: [],
    });
    expect(
      readDriftConfig(
        config({ a: env(), b: env({ enabled: false, schedule: '1h' }) }),
      ).environments,
    ).toEqual([]);
  });

  it('reads cron, duration strings and duration objects, every 6 hours by default', () => {
    const read = readDriftConfig(
      config(
        {
          plain: env({ enabled: true }),
          cron: env({ enabled: true, schedule: '0 */6 * * *' }),
          short: env({ enabled: true, schedule: '30m' }),
          iso: env({ enabled: true, schedule: 'PT2H' }),
          object: env({ enabled: true, schedule: { hours: 12 } }),
        },
        { notify: { recipients: ['group:default/platform'] } },
      ),
    );
    expect(read.environments).toEqual([
      { environment: 'plain', frequency: { hours: 6 } },
      { environment: 'cron', frequency: { cron: '0 */6 * * *' } },
      { environment: 'short', frequency: { minutes: 30 } },
      { environment: 'iso', frequency: { hours: 2 } },
      { environment: 'object', frequency: { hours: 12 } },
    ]);
    expect(read.notifyRecipients).toEqual(['group:default/platform']);
  });

  it('refuses a schedule that is no duration', () => {
    expect(() =>
      readDriftConfig(config({ a: env({ enabled: true, schedule: 'soon' }) })),
    ).toThrow(/Invalid duration 'soon'/);
    expect(() =>
      readDriftConfig(
        config({ a: env({ enabled: true, schedule: { fortnights: 1 } }) }),
      ),
    ).toThrow(/Needs one or more of/);
  });
});
