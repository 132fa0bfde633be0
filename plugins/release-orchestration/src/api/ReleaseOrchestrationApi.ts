import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActivateReleaseRequest,
  AddCustomStepRequest,
  BulkStepRequest,
  BulkStepResult,
  Cluster,
  ClusterList,
  CreateReleaseRequest,
  CreateTemplateRequest,
  Customer,
  CustomerPage,
  CustomerStep,
  MarkStepDoneRequest,
  OverrideStepRequest,
  Release,
  ReleaseDetail,
  ReleaseMatrix,
  ReleasePage,
  ReleaseProgress,
  ReleaseStatus,
  ReleaseType,
  ReorderTemplatesRequest,
  RevertStepRequest,
  SkipStepRequest,
  StepEvent,
  StepTemplate,
  UpdateReleaseRequest,
  UpdateTemplateRequest,
} from '@opshub/plugin-release-orchestration-common';

/**
 * Paging of list routes.
 *
 * @public
 */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/**
 * Filters of {@link ReleaseOrchestrationApi.listReleases}.
 *
 * @public
 */
export interface ListReleasesOptions extends PageOptions {
  status?: ReleaseStatus;
  type?: ReleaseType;
  /** Case-insensitive part of the name or version number. */
  search?: string;
}

/**
 * The release-orchestration backend, as the frontend sees it.
 *
 * Every write takes the `version` the caller last read; a stale one rejects
 * with a 409 `ResponseError` whose message says what changed.
 *
 * @public
 */
export interface ReleaseOrchestrationApi {
  /** Every cluster, with its customer counts. */
  listClusters(): Promise<ClusterList>;
  /** One cluster by name; rejects with a 404 `ResponseError` when unknown. */
  getCluster(name: string): Promise<Cluster>;
  /** The customers of one cluster, one page at a time. */
  listClusterCustomers(
    clusterName: string,
    options?: PageOptions,
  ): Promise<CustomerPage>;
  /** Customers of every cluster whose name or namespace contains `search`. */
  searchCustomers(options: {
    search?: string;
    limit?: number;
    offset?: number;
  }): Promise<CustomerPage>;

  /** One customer by id. */
  getCustomer(id: number): Promise<Customer>;

  /** Releases, newest first. */
  listReleases(options?: ListReleasesOptions): Promise<ReleasePage>;
  /** One release with its templates and progress. */
  getRelease(id: number): Promise<ReleaseDetail>;
  createRelease(request: CreateReleaseRequest): Promise<Release>;
  updateRelease(id: number, request: UpdateReleaseRequest): Promise<Release>;
  /** Creates the steps of the selected customers and makes the release active. */
  activateRelease(
    id: number,
    request: ActivateReleaseRequest,
  ): Promise<unknown>;
  /** Adds customers to an active release. */
  addReleaseCustomers(id: number, customerIds: number[]): Promise<unknown>;
  archiveRelease(id: number, version: number): Promise<Release>;
  /** Progress of the release, per cluster and per customer. */
  getReleaseProgress(id: number): Promise<ReleaseProgress>;
  /** One page of the matrix of one cluster. */
  getReleaseMatrix(
    id: number,
    options: { cluster: string } & PageOptions,
  ): Promise<ReleaseMatrix>;

  createTemplate(
    releaseId: number,
    request: CreateTemplateRequest,
  ): Promise<StepTemplate>;
  updateTemplate(
    templateId: number,
    request: UpdateTemplateRequest,
  ): Promise<StepTemplate>;
  deleteTemplate(templateId: number, version: number): Promise<unknown>;
  reorderTemplates(
    releaseId: number,
    request: ReorderTemplatesRequest,
  ): Promise<unknown>;

  /** The steps of one customer in one release, by category and order. */
  listCustomerSteps(
    releaseId: number,
    customerId: number,
  ): Promise<{ items: CustomerStep[] }>;
  getStep(stepId: number): Promise<CustomerStep>;
  /** The history of a step, oldest first. */
  listStepEvents(stepId: number): Promise<{ items: StepEvent[] }>;
  addCustomStep(
    releaseId: number,
    customerId: number,
    request: AddCustomStepRequest,
  ): Promise<CustomerStep>;
  markStepDone(
    stepId: number,
    request: MarkStepDoneRequest,
  ): Promise<CustomerStep>;
  skipStep(stepId: number, request: SkipStepRequest): Promise<CustomerStep>;
  revertStep(stepId: number, request: RevertStepRequest): Promise<CustomerStep>;
  reopenStep(stepId: number, version: number): Promise<CustomerStep>;
  overrideStep(
    stepId: number,
    request: OverrideStepRequest,
  ): Promise<CustomerStep>;
  resetStep(stepId: number, version: number): Promise<CustomerStep>;
  deleteStep(stepId: number, version: number): Promise<void>;
  bulkSteps(
    releaseId: number,
    request: BulkStepRequest,
  ): Promise<BulkStepResult>;
}

/** @public */
export const releaseOrchestrationApiRef = createApiRef<ReleaseOrchestrationApi>(
  { id: 'plugin.release-orchestration.service' },
);
