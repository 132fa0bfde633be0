/**
 * The plugin id: package names, `/api/infra-health`, permission names.
 *
 * @public
 */
export const INFRA_HEALTH_PLUGIN_ID = 'infra-health';

/**
 * Catalog annotation naming the service whose health checks an entity shows,
 * for example `opshub.io/health-service: payments-api`. The value matches the
 * `service` of the checks in `infraHealth.checks`.
 *
 * @public
 */
export const HEALTH_SERVICE_ANNOTATION = 'opshub.io/health-service';

/**
 * The signal channel on which the backend announces check changes: an
 * effective status change, or a check added, edited or deleted through the
 * API. Pages refetch when a message arrives.
 *
 * @public
 */
export const INFRA_HEALTH_CHECKS_SIGNAL_CHANNEL = 'infra-health:checks';
