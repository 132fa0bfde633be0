import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import {
  CONFIG_MASK,
  ConfigEntry,
  ConfigStatus,
} from '@opshub/plugin-devops-inspector-common';
import fs from 'fs';
import path from 'path';

/**
 * What `GET /config` needs.
 *
 * @internal
 */
export interface ConfigStatusSource {
  getConfigStatus(): Promise<ConfigStatus>;
}

type Primitive = string | number | boolean | null;

/**
 * Key names that hold secrets whatever the schema says: the last segment of
 * the path (camelCase, snake_case or kebab-case) contains one of these words.
 */
const SECRET_KEY =
  /(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|(^|[-_.])key$|Key$|credential|auth(orization)?$|cookie|session|signature|salt|connection(String)?$|dsn$)/i;

/** Any `scheme://user:...@` or `scheme://user@` in a value. */
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^\s/@]+@/i;
/** `password=` in a keyword/value connection string. */
const KEYWORD_SECRET = /(password|passwd|pwd|secret|token)\s*=/i;

/**
 * True when the key (its last segment) looks like it names a secret.
 *
 * @internal
 */
export function isSecretKey(keyPath: string): boolean {
  const last =
    keyPath
      .replace(/\[\d+\]$/, '')
      .split('.')
      .pop() ?? keyPath;
  return SECRET_KEY.test(last);
}

/**
 * True when the value looks like it carries credentials: a URL with user
 * info, or a keyword connection string with a password.
 *
 * @internal
 */
export function isSecretValue(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    (URL_USERINFO.test(value) || KEYWORD_SECRET.test(value))
  );
}

function isSet(value: Primitive): boolean {
  return value !== null && value !== '';
}

/**
 * Loads the config schema of every package the backend depends on. The
 * backend package is the one in the working directory (`packages/backend`
 * when started by `backstage-cli`).
 *
 * @internal
 */
export async function loadInstalledConfigSchema(): Promise<ConfigSchema> {
  const dependencies = ['@opshub/plugin-devops-inspector-backend'];
  try {
    const { name } = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'),
    );
    if (typeof name === 'string' && name) {
      dependencies.unshift(name);
    }
  } catch {
    // no package.json here: this plugin's own schema still applies
  }
  return loadConfigSchema({ dependencies });
}

/**
 * The effective configuration as flat entries, each value masked when the
 * config schema marks it `@visibility secret`, when its key looks like a
 * secret (password, token, key, ...), or when the value looks like a URL with
 * credentials. Without a schema every string is masked.
 *
 * @internal
 */
export class ConfigStatusService implements ConfigStatusSource {
  private readonly config: Config;
  private readonly loadSchema: () => Promise<ConfigSchema>;
  private readonly logger?: LoggerService;
  private schema?: Promise<ConfigSchema | undefined>;

  constructor(options: {
    config: Config;
    loadSchema?: () => Promise<ConfigSchema>;
    logger?: LoggerService;
  }) {
    this.config = options.config;
    this.loadSchema = options.loadSchema ?? loadInstalledConfigSchema;
    this.logger = options.logger;
  }

  async getConfigStatus(): Promise<ConfigStatus> {
    const schema = await this.schemaOnce();
    const data = this.config.get();
    const entries: ConfigEntry[] = [];
    const add = (
      key: string,
      value: Primitive,
      schemaSecret: boolean | undefined,
    ) => {
      const set = isSet(value);
      let maskedBy: ConfigEntry['maskedBy'];
      if (schemaSecret === undefined && typeof value === 'string') {
        maskedBy = 'no-schema';
      } else if (schemaSecret) {
        maskedBy = 'schema';
      } else if (isSecretKey(key)) {
        maskedBy = 'key';
      } else if (isSecretValue(value)) {
        maskedBy = 'value';
      }
      entries.push(
        maskedBy
          ? {
              key,
              value: set ? CONFIG_MASK : null,
              masked: true,
              maskedBy,
              set,
            }
          : { key, value, masked: false, set },
      );
    };

    if (schema) {
      schema.process([{ context: 'devops-inspector', data: toJson(data) }], {
        ignoreSchemaErrors: true,
        withDeprecatedKeys: false,
        valueTransform: (value, context) => {
          add(context.path, value, context.visibility === 'secret');
          return value;
        },
      });
      // `null` leaves are skipped by the schema walk: list them as unset
      walk(data, '', (key, value) => {
        if (value === null) {
          add(key, null, false);
        }
      });
    } else {
      walk(data, '', (key, value) => add(key, value, undefined));
    }
    entries.sort((a, b) => a.key.localeCompare(b.key));
    return { schemaLoaded: Boolean(schema), entries };
  }

  /**
   * Forgets the loaded config schema (or the failure to load it): the next
   * `getConfigStatus` loads it again.
   */
  clearSchemaCache(): void {
    this.schema = undefined;
  }

  /** Loaded on first use and kept; a failure is logged and kept too. */
  private schemaOnce(): Promise<ConfigSchema | undefined> {
    if (!this.schema) {
      this.schema = this.loadSchema().catch(error => {
        this.logger?.warn(
          `Could not load the config schema, masking every string: ${error}`,
        );
        return undefined;
      });
    }
    return this.schema;
  }
}

type Json = Primitive | Json[] | { [key: string]: Json };

function toJson(value: unknown): { [key: string]: Json } {
  return (value ?? {}) as { [key: string]: Json };
}

/** Calls `visit` for every primitive leaf, with the schema's path syntax. */
function walk(
  value: unknown,
  keyPath: string,
  visit: (key: string, value: Primitive) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${keyPath}[${index}]`, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      walk(child, keyPath ? `${keyPath}.${key}` : key, visit);
    }
  } else if (value !== undefined) {
    visit(keyPath, value as Primitive);
  }
}
