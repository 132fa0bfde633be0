import type { Page } from '@opshub/opshub-common';
import type { Metadata } from './types';

/**
 * Releases, step templates, customer steps and their history.
 *
 * Every mutable row carries `version`, an integer that the backend bumps on
 * each write. Write requests send the `version` they last read; a stale one is
 * refused with 409 (ConflictError) so no update is lost. The semantic version
 * of a release (for example `2026.11.1`) is `versionNumber`.
 */

/** @public */
export type ReleaseType = 'onboarding' | 'release' | 'hotfix';
/** @public */
export const RELEASE_TYPES: readonly ReleaseType[] = [
  'onboarding',
  'release',
  'hotfix',
];

/** @public */
export type ReleaseStatus = 'draft' | 'active' | 'archived';
/** @public */
export const RELEASE_STATUSES: readonly ReleaseStatus[] = [
  'draft',
  'active',
  'archived',
];

/** @public */
export type StepCategory = 'deploy' | 'verify';
/** @public */
export const STEP_CATEGORIES: readonly StepCategory[] = ['deploy', 'verify'];

/** @public */
export type StepType = 'bash' | 'sql' | 'text';
/** @public */
export const STEP_TYPES: readonly StepType[] = ['bash', 'sql', 'text'];

/** @public */
export type StepStatus = 'pending' | 'done' | 'skipped' | 'reverted';
/** @public */
export const STEP_STATUSES: readonly StepStatus[] = [
  'pending',
  'done',
  'skipped',
  'reverted',
];

/**
 * The legal status changes of a customer step. Anything else is refused
 * with 409.
 *
 * - pending → done (mark done) | skipped (skip, reason required)
 * - done → reverted (revert)
 * - skipped → pending (reopen) | done
 * - reverted → pending (reopen) | done
 *
 * @public
 */
export const STEP_TRANSITIONS: Readonly<
  Record<StepStatus, readonly StepStatus[]>
> = {
  pending: ['done', 'skipped'],
  done: ['reverted'],
  skipped: ['pending', 'done'],
  reverted: ['pending', 'done'],
};

/** @public */
export function canTransitionStep(from: StepStatus, to: StepStatus): boolean {
  return STEP_TRANSITIONS[from].includes(to);
}

/**
 * The signal channel of one release; every change to the release, its
 * templates or its steps is published there.
 *
 * @public
 */
export function releaseSignalChannel(releaseId: number): string {
  return `release-orchestration:release:${releaseId}`;
}

/** @public */
export type ReleaseSignalType =
  | 'release.created'
  | 'release.updated'
  | 'release.deleted'
  | 'release.activated'
  | 'release.archived'
  | 'release.customersAdded'
  | 'template.created'
  | 'template.updated'
  | 'template.deleted'
  | 'template.reordered'
  | 'step.updated'
  | 'step.created'
  | 'step.deleted'
  | 'steps.bulkUpdated';

/**
 * The message of a signal on {@link releaseSignalChannel}. Clients usually
 * just reload what they show.
 *
 * @public
 */
export interface ReleaseSignal {
  type: ReleaseSignalType;
  releaseId: number;
  templateId?: number;
  stepIds?: number[];
  customerIds?: number[];
}

/**
 * Completion counts. `percent` is (done + skipped) / total, 0 to 100, rounded
 * down; 0 when there are no steps.
 *
 * @public
 */
export interface Progress {
  total: number;
  pending: number;
  done: number;
  skipped: number;
  reverted: number;
  percent: number;
}

/** @public */
export interface Release {
  id: number;
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  /** The semantic version shipped, e.g. `2026.11.1`. */
  versionNumber: string | null;
  /** Planned release date, `YYYY-MM-DD`. */
  releaseDate: string | null;
  description: string | null;
  /** The Component or System the release ships, e.g. `component:default/payments-api`. */
  catalogEntityRef: string | null;
  createdBy: string | null;
  activatedAt: string | null;
  archivedAt: string | null;
  metadata: Metadata;
  /** Row version for optimistic concurrency. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * One release with its templates and progress, as `GET /releases/:id`
 * returns it.
 *
 * @public
 */
export interface ReleaseDetail extends Release {
  templates: StepTemplate[];
  /** Customers with at least one step in the release. */
  customerCount: number;
  progress: Progress;
}

/** @public */
export type ReleasePage = Page<Release>;

/** @public */
export interface StepTemplate {
  id: number;
  releaseId: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string | null;
  /** 0-based, unique per release and category. */
  orderIndex: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** @public */
export interface CustomerStep {
  id: number;
  releaseId: number;
  customerId: number;
  /** Null for custom steps. */
  templateId: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  orderIndex: number;
  status: StepStatus;
  executedAt: string | null;
  /** User entity ref from the Backstage identity, e.g. `user:default/jane`. */
  executedBy: string | null;
  skipReason: string | null;
  notes: string | null;
  isCustom: boolean;
  isOverridden: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** @public */
export type StepEventKind =
  | 'created'
  | 'status'
  | 'override'
  | 'reset'
  | 'template'
  | 'deleted';

/**
 * One entry of a step's history timeline.
 *
 * @public
 */
export interface StepEvent {
  id: number;
  /** Null once the (custom) step has been deleted. */
  stepId: number | null;
  releaseId: number;
  customerId: number;
  kind: StepEventKind;
  /** User entity ref (or service subject) that made the change. */
  actor: string;
  at: string;
  fromStatus: StepStatus | null;
  toStatus: StepStatus | null;
  note: string | null;
  contentBefore: string | null;
  contentAfter: string | null;
}

/** @public */
export type StepEventPage = Page<StepEvent>;

/** @public */
export interface ClusterProgress {
  clusterId: number;
  clusterName: string;
  customerCount: number;
  progress: Progress;
}

/** @public */
export interface CustomerProgress {
  customerId: number;
  customerName: string;
  clusterId: number;
  clusterName: string;
  progress: Progress;
}

/**
 * `GET /releases/:id/progress`.
 *
 * @public
 */
export interface ReleaseProgress {
  releaseId: number;
  progress: Progress;
  clusters: ClusterProgress[];
  customers: CustomerProgress[];
}

/**
 * A row of the matrix: a template (`key` = `t<templateId>`) or a custom step
 * of one customer (`key` = `c<stepId>`).
 *
 * @public
 */
export interface MatrixStep {
  key: string;
  templateId: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  orderIndex: number;
  isCustom: boolean;
}

/** @public */
export interface MatrixCell {
  stepId: number;
  status: StepStatus;
  version: number;
  isOverridden: boolean;
  isCustom: boolean;
}

/**
 * `GET /releases/:id/matrix?cluster=<name>&limit&offset`: one page of the
 * customers of one cluster, with the status of each of their steps.
 *
 * @public
 */
export interface ReleaseMatrix {
  releaseId: number;
  clusterId: number;
  clusterName: string;
  /** Template steps, then custom steps, by category and order. */
  steps: MatrixStep[];
  customers: Array<{
    id: number;
    name: string;
    namespace: string;
    progress: Progress;
  }>;
  /** `cells[customerId][stepKey]`. */
  cells: Record<string, Record<string, MatrixCell>>;
  /** Progress of the whole cluster in this release (all pages). */
  progress: Progress;
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * `GET /releases/:id/export?format=json`.
 *
 * @public
 */
export interface ReleaseExport {
  release: Release;
  templates: StepTemplate[];
  steps: Array<
    CustomerStep & {
      customerName: string;
      namespace: string;
      clusterName: string;
    }
  >;
}

// ---- request bodies -------------------------------------------------------

/** `POST /clusters` @public */
export interface CreateClusterRequest {
  name: string;
  displayName?: string;
  description?: string | null;
  region?: string | null;
  catalogEntityRef?: string | null;
  /** Must resolve under the backend's `releaseOrchestration.kubeconfigRoot`. */
  kubeconfigPath?: string | null;
  metadata?: Metadata;
}

/** `PATCH /clusters/:name` @public */
export interface UpdateClusterRequest {
  version: number;
  displayName?: string;
  description?: string | null;
  region?: string | null;
  catalogEntityRef?: string | null;
  /** Must resolve under the backend's `releaseOrchestration.kubeconfigRoot`. */
  kubeconfigPath?: string | null;
  metadata?: Metadata;
}

/** `POST /customers` @public */
export interface CreateCustomerRequest {
  clusterId: number;
  name: string;
  namespace: string;
  catalogEntityRef?: string | null;
  isActive?: boolean;
  notes?: string | null;
  metadata?: Metadata;
}

/** `PATCH /customers/:id` @public */
export interface UpdateCustomerRequest {
  version: number;
  name?: string;
  namespace?: string;
  catalogEntityRef?: string | null;
  isActive?: boolean;
  notes?: string | null;
  metadata?: Metadata;
}

/** `POST /releases` @public */
export interface CreateReleaseRequest {
  name: string;
  type: ReleaseType;
  versionNumber?: string | null;
  releaseDate?: string | null;
  description?: string | null;
  catalogEntityRef?: string | null;
  metadata?: Metadata;
}

/** `PATCH /releases/:id` @public */
export interface UpdateReleaseRequest {
  version: number;
  name?: string;
  type?: ReleaseType;
  versionNumber?: string | null;
  releaseDate?: string | null;
  description?: string | null;
  catalogEntityRef?: string | null;
  metadata?: Metadata;
}

/**
 * `POST /releases/:id/activate`. Without `customerIds`, every active customer
 * of every live cluster takes part.
 *
 * @public
 */
export interface ActivateReleaseRequest {
  version: number;
  customerIds?: number[];
}

/** `POST /releases/:id/customers` @public */
export interface AddReleaseCustomersRequest {
  customerIds: number[];
}

/** `POST /releases/:id/archive` @public */
export interface ArchiveReleaseRequest {
  version: number;
}

/** `POST /releases/:id/templates`; `orderIndex` defaults to the end. @public */
export interface CreateTemplateRequest {
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description?: string | null;
}

/** `PATCH /templates/:id` @public */
export interface UpdateTemplateRequest {
  version: number;
  name?: string;
  type?: StepType;
  content?: string;
  description?: string | null;
}

/**
 * `POST /releases/:id/templates/reorder`: every template id of the category,
 * in the new order.
 *
 * @public
 */
export interface ReorderTemplatesRequest {
  category: StepCategory;
  templateIds: number[];
}

/** `PUT /steps/:id/content` @public */
export interface OverrideStepRequest {
  version: number;
  content: string;
  name?: string;
}

/** `POST /releases/:id/customers/:customerId/steps` @public */
export interface AddCustomStepRequest {
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  /** Also add it as a template, so every customer of the release gets it. */
  addToTemplate?: boolean;
  /**
   * 0-based position in its category; the end when undefined or past it.
   * For one customer, the position among that customer's steps (later steps
   * move down by one); with `addToTemplate`, the position among the release's
   * templates (every customer's later steps of the category move down).
   */
  position?: number;
}

/** `POST /steps/:id/done` @public */
export interface MarkStepDoneRequest {
  version: number;
  notes?: string | null;
}

/** `POST /steps/:id/skip` @public */
export interface SkipStepRequest {
  version: number;
  reason: string;
}

/** `POST /steps/:id/revert` @public */
export interface RevertStepRequest {
  version: number;
  reason?: string | null;
}

/** `POST /steps/:id/reopen`, `POST /steps/:id/reset`, `DELETE /steps/:id?version=` @public */
export interface StepVersionRequest {
  version: number;
}

/** @public */
export type BulkStepAction = 'done' | 'skip' | 'revert' | 'reopen' | 'reset';

/**
 * `POST /releases/:id/steps/bulk`: all or nothing. One stale version or
 * illegal transition refuses the whole batch with 409.
 *
 * @public
 */
export interface BulkStepRequest {
  action: BulkStepAction;
  steps: Array<{ id: number; version: number }>;
  /** Notes for `done`. */
  notes?: string | null;
  /** Required for `skip`; optional for `revert`. */
  reason?: string | null;
}

/** @public */
export interface BulkStepResult {
  items: CustomerStep[];
}
