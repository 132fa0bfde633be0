import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActivateReleaseRequest,
  AddCustomStepRequest,
  BulkStepRequest,
  BulkStepResult,
  Cluster,
  ClusterList,
  CreateClusterRequest,
  CreateCustomerRequest,
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
  StepEventPage,
  StepTemplate,
  UpdateClusterRequest,
  UpdateCustomerRequest,
  UpdateReleaseRequest,
  UpdateTemplateRequest,
} from '@opshub/plugin-release-orchestration-common';

/**
 * Paging of list routes.
 *
 * @public
 */
export type ReleaseExportFormat = 'csv' | 'json';

/** A downloaded export. @public */
export interface ReleaseExportFile {
  blob: Blob;
  /** From the Content-Disposition header, else `release-<id>.<format>`. */
  filename: string;
}

/** @public */
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
  /** Only the releases that ship exactly this catalog entity ref. */
  entityRef?: string;
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

  createCluster(request: CreateClusterRequest): Promise<Cluster>;
  updateCluster(name: string, request: UpdateClusterRequest): Promise<Cluster>;
  /** Soft delete; a 409 while the cluster has active customers. */
  deleteCluster(name: string, version: number): Promise<void>;

  /** One customer by id. */
  getCustomer(id: number): Promise<Customer>;
  createCustomer(request: CreateCustomerRequest): Promise<Customer>;
  updateCustomer(id: number, request: UpdateCustomerRequest): Promise<Customer>;
  /** Soft delete. */
  deleteCustomer(id: number, version: number): Promise<void>;

  /** Releases, newest first. */
  listReleases(options?: ListReleasesOptions): Promise<ReleasePage>;
  /** One release with its templates and progress. */
  getRelease(id: number): Promise<ReleaseDetail>;
  createRelease(request: CreateReleaseRequest): Promise<Release>;
  updateRelease(id: number, request: UpdateReleaseRequest): Promise<Release>;
  /**
   * Deletes a draft release with its templates. Active and archived releases
   * are records: they reject with a 409 `ResponseError` (archive instead), as
   * does a stale `version`.
   */
  deleteRelease(id: number, version: number): Promise<void>;
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

  /**
   * The history of every step of the release, newest first, one page at a
   * time; `customerId` keeps one customer's.
   */
  listReleaseEvents(
    id: number,
    options?: { customerId?: number } & PageOptions,
  ): Promise<StepEventPage>;

  /**
   * Downloads the release with every step as a file (`GET
   * /releases/:id/export`), through the fetch API so the token is sent.
   */
  exportRelease(
    id: number,
    format: ReleaseExportFormat,
  ): Promise<ReleaseExportFile>;

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
