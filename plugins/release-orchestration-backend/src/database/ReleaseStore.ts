import { PageQuery } from '@opshub/opshub-common';
import {
  Cluster,
  Customer,
  CustomerStep,
  Metadata,
  Release,
  ReleaseStatus,
  ReleaseType,
  StepCategory,
  StepEvent,
  StepEventKind,
  StepStatus,
  StepTemplate,
  StepType,
} from '@opshub/plugin-release-orchestration-common';

/**
 * Which customers to list. Deleted customers, and customers of deleted
 * clusters, are never listed.
 *
 * @public
 */
export interface CustomerFilter {
  /** Only the customers of this cluster. */
  clusterId?: number;
  /** Case-insensitive substring of the customer's name or namespace. */
  search?: string;
}

/**
 * A release or cluster and the catalog entity that owns it, for permission
 * rules.
 *
 * @public
 */
export interface CatalogRefRow<K> {
  key: K;
  catalogEntityRef: string | null;
}

/** @public */
export interface ReleaseFilter {
  status?: ReleaseStatus;
  type?: ReleaseType;
  /** Case-insensitive substring of the name or version number. */
  search?: string;
  /** Exactly this catalog entity ref (`kind:namespace/name`). */
  entityRef?: string;
}

/** @public */
export interface ClusterFields {
  displayName: string;
  description: string | null;
  region: string | null;
  catalogEntityRef: string | null;
  kubeconfigPath: string | null;
  metadata: Metadata;
}

/** @public */
export interface CustomerFields {
  name: string;
  namespace: string;
  catalogEntityRef: string | null;
  isActive: boolean;
  notes: string | null;
  metadata: Metadata;
}

/** @public */
export interface ReleaseFields {
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  versionNumber: string | null;
  releaseDate: string | null;
  description: string | null;
  catalogEntityRef: string | null;
  metadata: Metadata;
  /** Set to the database clock (`now`) when true. */
  activatedNow: boolean;
  archivedNow: boolean;
}

/** @public */
export interface TemplateFields {
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string | null;
}

/** Fields of a customer step that a write can change. @public */
export interface StepPatch {
  name?: string;
  type?: StepType;
  content?: string;
  status?: StepStatus;
  /** Stamp `executed_at` with the database clock and `executed_by`. */
  executedBy?: string | null;
  clearExecution?: boolean;
  skipReason?: string | null;
  notes?: string | null;
  isOverridden?: boolean;
}

/** @public */
export interface NewStepEvent {
  stepId: number | null;
  releaseId: number;
  customerId: number;
  kind: StepEventKind;
  actor: string;
  fromStatus?: StepStatus | null;
  toStatus?: StepStatus | null;
  note?: string | null;
  contentBefore?: string | null;
  contentAfter?: string | null;
}

/** A status count of a group of steps. @public */
export interface StatusCountRow {
  customerId: number;
  status: StepStatus;
  count: number;
}

/** @public */
export interface ReleaseCustomerRow {
  customerId: number;
  customerName: string;
  namespace: string;
  clusterId: number;
  clusterName: string;
}

/** A customer step with where it runs, for exports. @public */
export type ExportedStep = CustomerStep & {
  customerName: string;
  namespace: string;
  clusterName: string;
};

/**
 * A step as the matrix shows it. Name, category, type and order are only
 * filled for steps without a template.
 *
 * @public
 */
export interface MatrixStepRow {
  id: number;
  customerId: number;
  templateId: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  orderIndex: number;
  status: StepStatus;
  version: number;
  isOverridden: boolean;
  isCustom: boolean;
}

/**
 * Clusters and customers.
 *
 * @public
 */
export interface ClusterStore {
  /** Every cluster that is not deleted, by name, with its customer counts. */
  listClusters(): Promise<Cluster[]>;
  /** The cluster with this name, unless it is deleted. */
  getCluster(name: string): Promise<Cluster | undefined>;
  /** Name of the live cluster with this id, for authorizing customer writes. */
  getClusterName(id: number): Promise<string | undefined>;
  /** Catalog entity refs of the live clusters among `names`, in one query. */
  clusterCatalogRefs(names: string[]): Promise<CatalogRefRow<string>[]>;
  createCluster(name: string, fields: ClusterFields): Promise<number>;
  updateCluster(
    id: number,
    version: number,
    fields: Partial<ClusterFields>,
  ): Promise<boolean>;
  softDeleteCluster(id: number, version: number): Promise<boolean>;
  listCustomers(
    filter: CustomerFilter,
    page: PageQuery,
  ): Promise<{ items: Customer[]; totalCount: number }>;
  /** A live customer of a live cluster. */
  getCustomer(id: number): Promise<Customer | undefined>;
  createCustomer(clusterId: number, fields: CustomerFields): Promise<number>;
  updateCustomer(
    id: number,
    version: number,
    fields: Partial<CustomerFields>,
  ): Promise<boolean>;
  softDeleteCustomer(id: number, version: number): Promise<boolean>;
  /** Of `ids`, the live, active customers of live clusters. */
  eligibleCustomerIds(ids: number[]): Promise<number[]>;
}

/**
 * Releases and the customers taking part in them.
 *
 * @public
 */
export interface ReleaseRecordStore {
  listReleases(
    filter: ReleaseFilter,
    page: PageQuery,
  ): Promise<{ items: Release[]; totalCount: number }>;
  /** With `lock`, takes a row lock until the transaction ends (PostgreSQL). */
  /** Catalog entity refs of the releases among `ids`, in one query. */
  releaseCatalogRefs(ids: number[]): Promise<CatalogRefRow<number>[]>;
  getRelease(
    id: number,
    options?: { lock?: boolean },
  ): Promise<Release | undefined>;
  createRelease(
    fields: Omit<ReleaseFields, 'status' | 'activatedNow' | 'archivedNow'>,
    createdBy: string,
  ): Promise<number>;
  updateRelease(
    id: number,
    version: number,
    fields: Partial<ReleaseFields>,
  ): Promise<boolean>;
  deleteRelease(id: number, version: number): Promise<boolean>;
  /**
   * Adds customers to the release in one INSERT … SELECT: `customerIds`, or
   * with `'allActive'` every live, active customer of a live cluster. Skips
   * customers already in it. Returns the ids added.
   */
  addReleaseCustomers(
    releaseId: number,
    customers: number[] | 'allActive',
    addedBy: string,
  ): Promise<number[]>;
  isReleaseCustomer(releaseId: number, customerId: number): Promise<boolean>;
  countReleaseCustomers(releaseId: number): Promise<number>;
  listReleaseCustomers(releaseId: number): Promise<ReleaseCustomerRow[]>;
}

/**
 * Step templates and their propagation to customer steps.
 *
 * @public
 */
export interface TemplateStore {
  listTemplates(releaseId: number): Promise<StepTemplate[]>;
  getTemplate(id: number): Promise<StepTemplate | undefined>;
  /**
   * Appends to the end of its category or, with `orderIndex`, inserts there
   * and moves the templates at or after it down by one.
   */
  createTemplate(
    releaseId: number,
    fields: TemplateFields,
    options?: { orderIndex?: number },
  ): Promise<number>;
  updateTemplate(
    id: number,
    version: number,
    fields: Partial<TemplateFields>,
  ): Promise<boolean>;
  deleteTemplate(id: number, version: number): Promise<boolean>;
  /** Sets order_index = position in `templateIds` (all of the category). */
  reorderTemplates(
    releaseId: number,
    category: StepCategory,
    templateIds: number[],
  ): Promise<void>;
  /**
   * Copies name, type and content of a template to its pending,
   * non-overridden steps (order is left to `propagateOrder`, so steps placed
   * around custom steps stay where they are), logging a `template`
   * event for each content change. Returns the ids of the steps changed.
   */
  propagateTemplate(templateId: number, actor: string): Promise<number[]>;
  /** Copies the order of the category's templates to their pending steps. */
  propagateOrder(releaseId: number, category: StepCategory): Promise<number>;
  /** Deletes the pending steps of a template; returns their ids. */
  deletePendingStepsOfTemplate(templateId: number): Promise<number[]>;
}

/**
 * Customer steps.
 *
 * @public
 */
export interface StepStore {
  /**
   * Copies templates to customers of the release, set-based (one INSERT …
   * SELECT): every template × `customerIds` (all the release's customers
   * when undefined), or only `templateId`. Returns the number of rows.
   */
  copyTemplatesToCustomers(
    releaseId: number,
    options?: { customerIds?: number[]; templateId?: number },
  ): Promise<number>;
  /**
   * Refreshes the planner statistics of the customer steps (PostgreSQL
   * `ANALYZE` of the columns that queries filter and join on; nothing on
   * SQLite), so that reads right after a large insert plan well without
   * waiting for autovacuum. Inside a transaction the new statistics commit
   * with it.
   */
  analyzeSteps(): Promise<void>;
  getStep(id: number): Promise<CustomerStep | undefined>;
  /** With `lock`, takes row locks until the transaction ends (PostgreSQL). */
  getSteps(
    ids: number[],
    options?: { lock?: boolean },
  ): Promise<CustomerStep[]>;
  listCustomerSteps(
    releaseId: number,
    customerId: number,
  ): Promise<CustomerStep[]>;
  updateStep(id: number, version: number, patch: StepPatch): Promise<boolean>;
  /** Updates every step of `ids` and bumps their versions; returns the count. */
  updateSteps(ids: number[], patch: StepPatch): Promise<number>;
  /** At `orderIndex`, or at the end of the customer's category. */
  createCustomStep(
    releaseId: number,
    customerId: number,
    fields: Omit<TemplateFields, 'description'>,
    options?: { orderIndex?: number },
  ): Promise<number>;
  /**
   * Makes room before each customer's step of `anchorTemplateId`: moves the
   * steps of the release's category (any status) at or after it down by one,
   * per customer, and bumps their versions. Returns the ids moved.
   */
  shiftStepsFrom(
    releaseId: number,
    category: StepCategory,
    anchorTemplateId: number,
  ): Promise<number[]>;
  /**
   * Puts each customer's step of `templateId` just before that customer's
   * step of `anchorTemplateId` (the room {@link ReleaseStore.shiftStepsFrom}
   * made). Returns the number of steps placed.
   */
  placeTemplateSteps(
    templateId: number,
    anchorTemplateId: number,
  ): Promise<number>;
  /**
   * Sets each step's order to `startAt` + its index in `stepIds`, changing
   * (and bumping the version of) only the steps whose order differs. Returns
   * their ids.
   */
  setStepOrder(stepIds: number[], startAt?: number): Promise<number[]>;
  /** The step of a customer copied from a template. */
  findTemplateStep(
    customerId: number,
    templateId: number,
  ): Promise<CustomerStep | undefined>;
  deleteStep(id: number, version: number): Promise<boolean>;
}

/**
 * The history of customer steps.
 *
 * @public
 */
export interface EventStore {
  addEvents(events: NewStepEvent[]): Promise<void>;
  listStepEvents(stepId: number): Promise<StepEvent[]>;
  listReleaseEvents(
    releaseId: number,
    filter: { customerId?: number },
    page: PageQuery,
  ): Promise<{ items: StepEvent[]; totalCount: number }>;
  /** Deletes step history recorded before `before`; returns how many rows. */
  pruneEvents(before: Date): Promise<number>;
}

/**
 * Set-based reads: progress, matrix, export.
 *
 * @public
 */
export interface StepReadStore {
  /** Step counts per customer and status. */
  statusCounts(
    releaseId: number,
    filter?: { clusterId?: number; customerIds?: number[] },
  ): Promise<StatusCountRow[]>;
  /** A page of the release's customers on one cluster, by name. */
  pageReleaseCustomers(
    releaseId: number,
    clusterId: number,
    page: PageQuery,
  ): Promise<{
    items: Array<{ id: number; name: string; namespace: string }>;
    totalCount: number;
  }>;
  matrixSteps(
    releaseId: number,
    customerIds: number[],
  ): Promise<MatrixStepRow[]>;
  exportSteps(releaseId: number): Promise<ExportedStep[]>;
}

/**
 * Storage of clusters, customers, releases, templates, steps and their
 * history, one interface per aggregate. Methods never check business rules;
 * the services do. Writes that carry `version` return false when no row
 * matched (missing or stale).
 *
 * @public
 */
export interface ReleaseStore
  extends ClusterStore,
    ReleaseRecordStore,
    TemplateStore,
    StepStore,
    EventStore,
    StepReadStore {
  /**
   * Runs `fn` in one database transaction, with a store bound to it. Nested
   * calls reuse the outer transaction.
   */
  transaction<T>(fn: (tx: ReleaseStore) => Promise<T>): Promise<T>;
}
