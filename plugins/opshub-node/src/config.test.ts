import {
  ConfigSource,
  readHttpUrlConfig,
  readIntegerConfig,
  readOneOfConfig,
} from './config';

describe('config readers', () => {
  const values: Record<string, string | number> = {
    n: 5,
    frac: 1.5,
    url: 'https://h.example.com/x',
    ftp: 'ftp://user:hunter2@h',
    tier: 'prod',
    method: 'head',
  };
  /** What a Backstage `Config` answers for flat keys. */
  const config: ConfigSource = {
    getOptionalNumber: key =>
      values[key] === undefined ? undefined : Number(values[key]),
    getOptionalString: key =>
      values[key] === undefined ? undefined : String(values[key]),
    getString: key => {
      if (values[key] === undefined) {
        throw new Error(`Missing required config value at '${key}'`);
      }
      return String(values[key]);
    },
  };

  it('reads integers in range, with a default when unset', () => {
    const range = { defaultValue: 7, min: 1, max: 10 };
    expect(readIntegerConfig(config, 'n', range)).toBe(5);
    expect(readIntegerConfig(config, 'unset', range)).toBe(7);
    expect(() => readIntegerConfig(config, 'n', { ...range, max: 4 })).toThrow(
      'Invalid config at n: expected an integer from 1 to 4, got 5',
    );
    expect(() =>
      readIntegerConfig(config, 'frac', { ...range, at: 'root.list[0]' }),
    ).toThrow(/^Invalid config at root\.list\[0\]\.frac:/);
  });

  it('reads http(s) URLs without echoing a bad one', () => {
    expect(readHttpUrlConfig(config, 'url')).toBe('https://h.example.com/x');
    const bad = () => readHttpUrlConfig(config, 'ftp');
    expect(bad).toThrow('Invalid config at ftp: expected an http or https URL');
    expect(bad).not.toThrow(/hunter2/);
    expect(() => readHttpUrlConfig(config, 'tier')).toThrow(/at tier/);
  });

  it('reads one of a set of values', () => {
    expect(readOneOfConfig(config, 'tier', ['dev', 'prod'] as const)).toBe(
      'prod',
    );
    expect(() => readOneOfConfig(config, 'tier', ['dev'] as const)).toThrow(
      'Invalid config at tier: expected one of dev, got prod',
    );
    expect(
      readOneOfConfig(config, 'method', ['GET', 'HEAD'], {
        normalize: v => v.toUpperCase(),
      }),
    ).toBe('HEAD');
    expect(
      readOneOfConfig(config, 'unset', ['GET', 'HEAD'], {
        defaultValue: 'GET',
      }),
    ).toBe('GET');
    expect(() => readOneOfConfig(config, 'unset', ['GET'])).toThrow();
  });
});
