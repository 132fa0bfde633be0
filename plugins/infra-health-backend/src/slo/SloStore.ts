import { Slo, SloDefinition } from '@opshub/plugin-infra-health-common';

/**
 * What {@link SloStore.syncConfigSlos} changed, by SLO name.
 *
 * @internal
 */
export interface SyncSlosResult {
  added: string[];
  updated: string[];
  removed: string[];
}

/**
 * Storage of SLOs, from config (`origin: 'config'`) and from the API
 * (`origin: 'api'`).
 *
 * @internal
 */
export interface SloStore {
  /**
   * Makes the config SLOs equal to `slos` in one transaction, by name: adds
   * and updates them (an API SLO of the same name becomes a config SLO) and
   * deletes config SLOs no longer configured.
   */
  syncConfigSlos(slos: SloDefinition[], now: Date): Promise<SyncSlosResult>;
  /** SLOs ordered by service, then name. */
  listSlos(filter: { service?: string }): Promise<Slo[]>;
  getSlo(id: number): Promise<Slo | undefined>;
  /** Inserts an API SLO; ConflictError when the name is taken. */
  createSlo(slo: SloDefinition, actor: string, now: Date): Promise<Slo>;
  /** Replaces an SLO's definition; ConflictError when the name is taken. */
  updateSlo(id: number, slo: SloDefinition, now: Date): Promise<Slo>;
  /** Deletes an SLO; false when there was none. */
  deleteSlo(id: number): Promise<boolean>;
}
