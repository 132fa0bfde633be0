import {
  Attributes,
  Counter,
  Histogram,
  Meter,
  MeterProvider,
  metrics,
} from '@opentelemetry/api';

/**
 * The attributes of an instrument and, for each, the only values it may
 * take: known enums (a provider, an outcome, a check kind). Any other value
 * is recorded as `other`, so user input never becomes a label and the number
 * of series stays small.
 *
 * @public
 */
export type MetricAttributeValues = Record<string, readonly string[]>;

/**
 * The attribute values of one measurement for the attributes `A`.
 *
 * @public
 */
export type MetricAttributesOf<A extends MetricAttributeValues> = {
  [K in keyof A]: A[K][number];
};

/**
 * How an instrument is described: its description, its unit (UCUM: `s`,
 * `ms`, `{delivery}`) and its attributes with their allowed values.
 *
 * @public
 */
export interface OpsHubInstrumentOptions<A extends MetricAttributeValues> {
  description: string;
  unit?: string;
  attributes: A;
}

/**
 * A monotonic counter.
 *
 * @public
 */
export interface OpsHubCounter<A extends MetricAttributeValues> {
  add(attributes: MetricAttributesOf<A>, value?: number): void;
}

/**
 * A histogram of values (durations, sizes).
 *
 * @public
 */
export interface OpsHubHistogram<A extends MetricAttributeValues> {
  record(value: number, attributes: MetricAttributesOf<A>): void;
  /** Runs `fn` and records its duration in seconds, with the attributes `fn`'s outcome gives. */
  timeSeconds<T>(
    fn: () => Promise<T>,
    attributes: (
      outcome: { ok: true; value: T } | { ok: false; error: unknown },
    ) => MetricAttributesOf<A>,
  ): Promise<T>;
}

/**
 * One observation of an observable gauge.
 *
 * @public
 */
export interface OpsHubObservation<A extends MetricAttributeValues> {
  value: number;
  attributes: MetricAttributesOf<A>;
}

/**
 * The metrics of one OpsHub plugin: instruments named
 * `opshub.<plugin_id>.<name>` on the meter `opshub.<plugin-id>`.
 *
 * @public
 */
export interface OpsHubMetrics {
  counter<A extends MetricAttributeValues>(
    name: string,
    options: OpsHubInstrumentOptions<A>,
  ): OpsHubCounter<A>;
  histogram<A extends MetricAttributeValues>(
    name: string,
    options: OpsHubInstrumentOptions<A> & {
      unit: string;
      /** Explicit bucket boundaries, in the unit of the histogram. */
      buckets?: number[];
    },
  ): OpsHubHistogram<A>;
  /** A gauge read by `observe` at each collection (each scrape). */
  observableGauge<A extends MetricAttributeValues>(
    name: string,
    options: OpsHubInstrumentOptions<A>,
    observe: () => Promise<OpsHubObservation<A>[]> | OpsHubObservation<A>[],
  ): void;
}

/** Seconds buckets for durations from 5 ms to 5 min. */
const DEFAULT_SECONDS_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
];

/**
 * The attributes of a measurement, keeping only the declared keys and
 * replacing values that are not allowed by `other`.
 *
 * @public
 */
export function sanitizeMetricAttributes<A extends MetricAttributeValues>(
  allowed: A,
  attributes: MetricAttributesOf<A>,
): Attributes {
  const result: Attributes = {};
  for (const [key, values] of Object.entries(allowed)) {
    const value = (attributes as Record<string, unknown>)[key];
    result[key] =
      typeof value === 'string' && values.includes(value) ? value : 'other';
  }
  return result;
}

/**
 * The metrics of the OpsHub plugin `pluginId`, through the OpenTelemetry API.
 * Without an SDK (no `--require ./src/instrumentation.js`), every instrument
 * is a no-op. Instruments are created on first use, from the global meter
 * provider unless `meterProvider` is given (tests).
 *
 * @public
 */
export function createOpsHubMetrics(
  pluginId: string,
  options: { meterProvider?: MeterProvider } = {},
): OpsHubMetrics {
  if (!/^[a-z][a-z0-9-]*$/.test(pluginId)) {
    throw new Error(`Invalid plugin id for metrics: ${pluginId}`);
  }
  const prefix = `opshub.${pluginId.replace(/-/g, '_')}.`;
  let meter: Meter | undefined;
  const getMeter = () =>
    (meter ??= (options.meterProvider ?? metrics.getMeterProvider()).getMeter(
      `opshub.${pluginId}`,
    ));
  const fullName = (name: string) => {
    if (!/^[a-z][a-z0-9_.]*$/.test(name)) {
      throw new Error(`Invalid metric name: ${name}`);
    }
    return `${prefix}${name}`;
  };

  return {
    counter(name, { description, unit, attributes }) {
      const metricName = fullName(name);
      let counter: Counter | undefined;
      return {
        add(values, value = 1) {
          counter ??= getMeter().createCounter(metricName, {
            description,
            unit,
          });
          counter.add(value, sanitizeMetricAttributes(attributes, values));
        },
      };
    },
    histogram(name, { description, unit, attributes, buckets }) {
      const metricName = fullName(name);
      let histogram: Histogram | undefined;
      const record = (
        value: number,
        values: MetricAttributesOf<typeof attributes>,
      ) => {
        histogram ??= getMeter().createHistogram(metricName, {
          description,
          unit,
          advice: {
            explicitBucketBoundaries:
              buckets ?? (unit === 's' ? DEFAULT_SECONDS_BUCKETS : undefined),
          },
        });
        histogram.record(value, sanitizeMetricAttributes(attributes, values));
      };
      return {
        record,
        async timeSeconds(fn, attributesOf) {
          const started = process.hrtime.bigint();
          const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
          try {
            const value = await fn();
            record(seconds(), attributesOf({ ok: true, value }));
            return value;
          } catch (error) {
            record(seconds(), attributesOf({ ok: false, error }));
            throw error;
          }
        },
      };
    },
    observableGauge(name, { description, unit, attributes }, observe) {
      const gauge = getMeter().createObservableGauge(fullName(name), {
        description,
        unit,
      });
      gauge.addCallback(async result => {
        for (const observation of await observe()) {
          result.observe(
            observation.value,
            sanitizeMetricAttributes(attributes, observation.attributes),
          );
        }
      });
    },
  };
}
