import { DatabaseService } from '@backstage/backend-plugin-api';
import { migrateAndConnect } from '@opshub/opshub-node';
import { Knex } from 'knex';
import { ClusterTables } from './ClusterTables';
import { ReleaseTables } from './ReleaseTables';
import { TemplateTables } from './TemplateTables';
import { StepTables } from './StepTables';
import { EventTables } from './EventTables';
import { StepReads } from './StepReads';
import { ReleaseStore } from './ReleaseStore';

/**
 * Knex implementation of {@link ReleaseStore}, for PostgreSQL and SQLite.
 *
 * One class per aggregate does the work (ClusterTables, ReleaseTables,
 * TemplateTables, StepTables, EventTables, StepReads); this one builds them on
 * the same Knex client, or on the same transaction inside
 * {@link DatabaseReleaseStore.transaction}, and hands each call to its
 * aggregate.
 *
 * @internal
 */
export class DatabaseReleaseStore implements ReleaseStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReleaseStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-release-orchestration-backend',
    });
    return new DatabaseReleaseStore(db);
  }

  /** For scripts and tests that already hold a migrated Knex client. */
  static fromKnex(db: Knex): DatabaseReleaseStore {
    return new DatabaseReleaseStore(db);
  }

  private readonly clusters: ClusterTables;
  private readonly releases: ReleaseTables;
  private readonly templates: TemplateTables;
  private readonly steps: StepTables;
  private readonly events: EventTables;
  private readonly reads: StepReads;

  private constructor(private readonly db: Knex) {
    this.clusters = new ClusterTables(db);
    this.releases = new ReleaseTables(db);
    this.templates = new TemplateTables(db);
    this.steps = new StepTables(db);
    this.events = new EventTables(db);
    this.reads = new StepReads(db);
  }

  async transaction<T>(fn: (tx: ReleaseStore) => Promise<T>): Promise<T> {
    if ((this.db as Knex.Transaction).isTransaction) {
      return fn(this);
    }
    return this.db.transaction(trx => fn(new DatabaseReleaseStore(trx)));
  }

  // ClusterStore
  readonly listClusters: ReleaseStore['listClusters'] = (...args) =>
    this.clusters.listClusters(...args);
  readonly getCluster: ReleaseStore['getCluster'] = (...args) =>
    this.clusters.getCluster(...args);
  readonly getClusterName: ReleaseStore['getClusterName'] = (...args) =>
    this.clusters.getClusterName(...args);
  readonly clusterCatalogRefs: ReleaseStore['clusterCatalogRefs'] = (...args) =>
    this.clusters.clusterCatalogRefs(...args);
  readonly createCluster: ReleaseStore['createCluster'] = (...args) =>
    this.clusters.createCluster(...args);
  readonly updateCluster: ReleaseStore['updateCluster'] = (...args) =>
    this.clusters.updateCluster(...args);
  readonly softDeleteCluster: ReleaseStore['softDeleteCluster'] = (...args) =>
    this.clusters.softDeleteCluster(...args);
  readonly listCustomers: ReleaseStore['listCustomers'] = (...args) =>
    this.clusters.listCustomers(...args);
  readonly getCustomer: ReleaseStore['getCustomer'] = (...args) =>
    this.clusters.getCustomer(...args);
  readonly createCustomer: ReleaseStore['createCustomer'] = (...args) =>
    this.clusters.createCustomer(...args);
  readonly updateCustomer: ReleaseStore['updateCustomer'] = (...args) =>
    this.clusters.updateCustomer(...args);
  readonly softDeleteCustomer: ReleaseStore['softDeleteCustomer'] = (...args) =>
    this.clusters.softDeleteCustomer(...args);
  readonly eligibleCustomerIds: ReleaseStore['eligibleCustomerIds'] = (
    ...args
  ) => this.clusters.eligibleCustomerIds(...args);
  // ReleaseRecordStore
  readonly listReleases: ReleaseStore['listReleases'] = (...args) =>
    this.releases.listReleases(...args);
  readonly releaseCatalogRefs: ReleaseStore['releaseCatalogRefs'] = (...args) =>
    this.releases.releaseCatalogRefs(...args);
  readonly getRelease: ReleaseStore['getRelease'] = (...args) =>
    this.releases.getRelease(...args);
  readonly createRelease: ReleaseStore['createRelease'] = (...args) =>
    this.releases.createRelease(...args);
  readonly updateRelease: ReleaseStore['updateRelease'] = (...args) =>
    this.releases.updateRelease(...args);
  readonly deleteRelease: ReleaseStore['deleteRelease'] = (...args) =>
    this.releases.deleteRelease(...args);
  readonly addReleaseCustomers: ReleaseStore['addReleaseCustomers'] = (
    ...args
  ) => this.releases.addReleaseCustomers(...args);
  readonly isReleaseCustomer: ReleaseStore['isReleaseCustomer'] = (...args) =>
    this.releases.isReleaseCustomer(...args);
  readonly countReleaseCustomers: ReleaseStore['countReleaseCustomers'] = (
    ...args
  ) => this.releases.countReleaseCustomers(...args);
  readonly listReleaseCustomers: ReleaseStore['listReleaseCustomers'] = (
    ...args
  ) => this.releases.listReleaseCustomers(...args);
  // TemplateStore
  readonly listTemplates: ReleaseStore['listTemplates'] = (...args) =>
    this.templates.listTemplates(...args);
  readonly getTemplate: ReleaseStore['getTemplate'] = (...args) =>
    this.templates.getTemplate(...args);
  readonly createTemplate: ReleaseStore['createTemplate'] = (...args) =>
    this.templates.createTemplate(...args);
  readonly updateTemplate: ReleaseStore['updateTemplate'] = (...args) =>
    this.templates.updateTemplate(...args);
  readonly deleteTemplate: ReleaseStore['deleteTemplate'] = (...args) =>
    this.templates.deleteTemplate(...args);
  readonly reorderTemplates: ReleaseStore['reorderTemplates'] = (...args) =>
    this.templates.reorderTemplates(...args);
  readonly propagateTemplate: ReleaseStore['propagateTemplate'] = (...args) =>
    this.templates.propagateTemplate(...args);
  readonly propagateOrder: ReleaseStore['propagateOrder'] = (...args) =>
    this.templates.propagateOrder(...args);
  readonly deletePendingStepsOfTemplate: ReleaseStore['deletePendingStepsOfTemplate'] =
    (...args) => this.templates.deletePendingStepsOfTemplate(...args);
  // StepStore
  readonly copyTemplatesToCustomers: ReleaseStore['copyTemplatesToCustomers'] =
    (...args) => this.steps.copyTemplatesToCustomers(...args);
  readonly analyzeSteps: ReleaseStore['analyzeSteps'] = (...args) =>
    this.steps.analyzeSteps(...args);
  readonly getStep: ReleaseStore['getStep'] = (...args) =>
    this.steps.getStep(...args);
  readonly getSteps: ReleaseStore['getSteps'] = (...args) =>
    this.steps.getSteps(...args);
  readonly listCustomerSteps: ReleaseStore['listCustomerSteps'] = (...args) =>
    this.steps.listCustomerSteps(...args);
  readonly updateStep: ReleaseStore['updateStep'] = (...args) =>
    this.steps.updateStep(...args);
  readonly updateSteps: ReleaseStore['updateSteps'] = (...args) =>
    this.steps.updateSteps(...args);
  readonly createCustomStep: ReleaseStore['createCustomStep'] = (...args) =>
    this.steps.createCustomStep(...args);
  readonly shiftStepsFrom: ReleaseStore['shiftStepsFrom'] = (...args) =>
    this.steps.shiftStepsFrom(...args);
  readonly placeTemplateSteps: ReleaseStore['placeTemplateSteps'] = (...args) =>
    this.steps.placeTemplateSteps(...args);
  readonly setStepOrder: ReleaseStore['setStepOrder'] = (...args) =>
    this.steps.setStepOrder(...args);
  readonly findTemplateStep: ReleaseStore['findTemplateStep'] = (...args) =>
    this.steps.findTemplateStep(...args);
  readonly deleteStep: ReleaseStore['deleteStep'] = (...args) =>
    this.steps.deleteStep(...args);
  // EventStore
  readonly addEvents: ReleaseStore['addEvents'] = (...args) =>
    this.events.addEvents(...args);
  readonly listStepEvents: ReleaseStore['listStepEvents'] = (...args) =>
    this.events.listStepEvents(...args);
  readonly listReleaseEvents: ReleaseStore['listReleaseEvents'] = (...args) =>
    this.events.listReleaseEvents(...args);
  readonly pruneEvents: ReleaseStore['pruneEvents'] = (...args) =>
    this.events.pruneEvents(...args);
  // StepReadStore
  readonly statusCounts: ReleaseStore['statusCounts'] = (...args) =>
    this.reads.statusCounts(...args);
  readonly pageReleaseCustomers: ReleaseStore['pageReleaseCustomers'] = (
    ...args
  ) => this.reads.pageReleaseCustomers(...args);
  readonly matrixSteps: ReleaseStore['matrixSteps'] = (...args) =>
    this.reads.matrixSteps(...args);
  readonly exportSteps: ReleaseStore['exportSteps'] = (...args) =>
    this.reads.exportSteps(...args);
}
