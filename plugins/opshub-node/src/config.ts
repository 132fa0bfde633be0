/**
 * The part of a Backstage `Config` the readers below use. A `Config` from
 * `coreServices.rootConfig`, or any of its sub-configs, is one.
 *
 * @public
 */
export interface ConfigSource {
  getOptionalNumber(key: string): number | undefined;
  getOptionalString(key: string): string | undefined;
  getString(key: string): string;
}

/**
 * Where a key is, for error messages: the full path of the key when the
 * config is a sub-config (`infraHealth.checks[2]`), so messages name it.
 *
 * @public
 */
export interface ConfigKeyOptions {
  /** The path of `config` itself, prefixed to `key` in error messages. */
  at?: string;
}

function pathOf(key: string, options: ConfigKeyOptions): string {
  return options.at ? `${options.at}.${key}` : key;
}

/**
 * An optional integer from `min` to `max` (inclusive), or `defaultValue`
 * when unset. Throws `Invalid config at <path>: expected an integer from
 * <min> to <max>` otherwise.
 *
 * @public
 */
export function readIntegerConfig(
  config: ConfigSource,
  key: string,
  options: ConfigKeyOptions & {
    defaultValue: number;
    min: number;
    max: number;
  },
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return options.defaultValue;
  }
  if (!Number.isInteger(value) || value < options.min || value > options.max) {
    throw new Error(
      `Invalid config at ${pathOf(key, options)}: expected an integer from ${
        options.min
      } to ${options.max}, got ${value}`,
    );
  }
  return value;
}

/**
 * A required http(s) URL. The message of a bad one names the key, never the
 * value, which may hold credentials.
 *
 * @public
 */
export function readHttpUrlConfig(
  config: ConfigSource,
  key: string,
  options: ConfigKeyOptions = {},
): string {
  const url = config.getString(key);
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL: reported below without the value
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(
      `Invalid config at ${pathOf(
        key,
        options,
      )}: expected an http or https URL`,
    );
  }
  return url;
}

/**
 * A string that must be one of `allowed`: required, or `defaultValue` when
 * given and unset. Throws `Invalid config at <path>: expected one of ...`.
 *
 * @public
 */
export function readOneOfConfig<T extends string>(
  config: ConfigSource,
  key: string,
  allowed: readonly T[],
  options: ConfigKeyOptions & {
    defaultValue?: T;
    /** Applied before the check, for example to upper-case a method. */
    normalize?: (value: string) => string;
  } = {},
): T {
  const raw =
    options.defaultValue === undefined
      ? config.getString(key)
      : config.getOptionalString(key) ?? options.defaultValue;
  const value = options.normalize ? options.normalize(raw) : raw;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid config at ${pathOf(
        key,
        options,
      )}: expected one of ${allowed.join(', ')}, got ${value}`,
    );
  }
  return value as T;
}
