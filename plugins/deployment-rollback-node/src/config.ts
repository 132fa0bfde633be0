import type { Config } from '@backstage/config';
import { readHttpUrlConfig, readIntegerConfig } from '@opshub/opshub-node';
import { DEFAULT_EXECUTOR_TIMEOUT_MS } from './http';
import type { ExecutorRequestBase } from './types';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDERS = ['service', 'environment'];

/**
 * A config string that may name `{service}` and `{environment}`, filled in
 * per request. Unknown placeholders are an error naming the key.
 */
export class Template {
  private constructor(readonly source: string) {}

  /** A template; `at` names the key in the error for a bad placeholder. */
  static fromString(text: string, at = 'template'): Template {
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      if (!PLACEHOLDERS.includes(name)) {
        throw new Error(
          `Invalid config at ${at}: unknown placeholder {${name}}; use {service} or {environment}`,
        );
      }
    }
    return new Template(text);
  }

  static read(config: Config, key: string, at: string): Template {
    return Template.fromString(config.getString(key), `${at}.${key}`);
  }

  /** Throws unless the template, filled in, is an http(s) URL. */
  assertHttpUrl(at: string): void {
    let protocol = '';
    try {
      protocol = new URL(
        this.expand({ service: 'service', environment: 'environment' }),
      ).protocol;
    } catch {
      // reported below, without the value
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new Error(`Invalid config at ${at}: expected an http or https URL`);
    }
  }

  /** The text with `{service}` and `{environment}` filled in. */
  expand(
    request: Pick<ExecutorRequestBase, 'service' | 'environment'>,
    encode: (value: string) => string = v => v,
  ): string {
    return this.source.replace(PLACEHOLDER, (_, name: string) =>
      encode(name === 'service' ? request.service : request.environment),
    );
  }
}

/** `timeoutMs`: 1 ms to 2 minutes, 10 s by default. */
export function readTimeoutMs(config: Config, at: string): number {
  return readIntegerConfig(config, 'timeoutMs', {
    at,
    defaultValue: DEFAULT_EXECUTOR_TIMEOUT_MS,
    min: 1,
    max: 120_000,
  });
}

/** A required http(s) URL without a trailing slash. */
export function readBaseUrl(config: Config, key: string, at: string): string {
  return readHttpUrlConfig(config, key, { at }).replace(/\/+$/, '');
}

/** A required, non-empty secret. Its value never appears in a message. */
export function readSecret(config: Config, key: string, at: string): string {
  const value = config.getString(key);
  if (!value.trim()) {
    throw new Error(`Invalid config at ${at}.${key}: must not be empty`);
  }
  return value;
}
