/*
 * OpenTelemetry for the OpsHub backend, the Backstage way
 * (https://backstage.io/docs/tutorials/setup-opentelemetry): loaded before
 * anything else with `node --require ./src/instrumentation.js` (the `start`
 * script passes `--require` to `backstage-cli package start`; in production
 * `node --require ./instrumentation.js packages/backend ...`).
 *
 * It serves the metrics of Backstage (catalog, scheduler) and of the OpsHub
 * plugins (docs/metrics.md) in the Prometheus format at
 * http://<OPSHUB_METRICS_HOST>:<OPSHUB_METRICS_PORT>/metrics.
 *
 *   OPSHUB_METRICS_PORT  9464 by default; `0` or `off` turns metrics off
 *   OPSHUB_METRICS_HOST  the address to listen on, `localhost` by default;
 *                        `0.0.0.0` in a container that Prometheus scrapes
 *
 * Only metrics: traces and logs stay off unless OTEL_TRACES_EXPORTER or
 * OTEL_LOGS_EXPORTER say otherwise (the standard OpenTelemetry variables).
 */
// once, in the main thread (not in worker threads)
const { isMainThread } = require('node:worker_threads');

function metricsPort(value) {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '') return 9464;
  if (text === '0' || text === 'off') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `OPSHUB_METRICS_PORT must be a port from 1 to 65535, 0 or off; got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return port;
}

if (isMainThread) {
  const port = metricsPort(process.env.OPSHUB_METRICS_PORT);
  if (port === undefined) {
    console.log('metrics: off (OPSHUB_METRICS_PORT)');
  } else {
    const { NodeSDK } = require('@opentelemetry/sdk-node');
    const {
      PrometheusExporter,
    } = require('@opentelemetry/exporter-prometheus');

    process.env.OTEL_TRACES_EXPORTER ??= 'none';
    process.env.OTEL_LOGS_EXPORTER ??= 'none';
    const host = process.env.OPSHUB_METRICS_HOST || 'localhost';
    const prometheus = new PrometheusExporter({ host, port }, error => {
      if (error) {
        // the backend runs on without metrics rather than not at all
        console.warn(
          `metrics: could not listen on ${host}:${port} (${error.message}); set OPSHUB_METRICS_PORT to a free port, or 0 to turn metrics off`,
        );
      } else {
        console.log(
          `metrics: Prometheus metrics at http://${host}:${port}/metrics`,
        );
      }
    });
    const sdk = new NodeSDK({
      serviceName: process.env.OTEL_SERVICE_NAME || 'opshub-backend',
      metricReaders: [prometheus],
    });
    sdk.start();
  }
}
