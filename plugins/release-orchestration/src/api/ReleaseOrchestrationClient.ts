import { OpshubClientBase, OpshubClientOptions } from '@opshub/opshub-react';
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
  RELEASE_ORCHESTRATION_PLUGIN_ID,
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
import {
  ListReleasesOptions,
  PageOptions,
  ReleaseExportFile,
  ReleaseExportFormat,
  ReleaseOrchestrationApi,
} from './ReleaseOrchestrationApi';

const id = (value: number) => encodeURIComponent(String(value));

/**
 * HTTP client of the release-orchestration backend.
 *
 * @public
 */
export class ReleaseOrchestrationClient
  extends OpshubClientBase
  implements ReleaseOrchestrationApi
{
  constructor(options: OpshubClientOptions) {
    super(RELEASE_ORCHESTRATION_PLUGIN_ID, options);
  }

  async exportRelease(
    releaseId: number,
    format: ReleaseExportFormat,
  ): Promise<ReleaseExportFile> {
    const { blob, filename } = await this.requestFile(
      `/releases/${id(releaseId)}/export`,
      { query: { format }, fallbackName: `release-${releaseId}.${format}` },
    );
    return { blob, filename };
  }

  listClusters(): Promise<ClusterList> {
    return this.request('/clusters');
  }

  getCluster(name: string): Promise<Cluster> {
    return this.request(`/clusters/${encodeURIComponent(name)}`);
  }

  listClusterCustomers(
    clusterName: string,
    options: PageOptions = {},
  ): Promise<CustomerPage> {
    return this.request(
      `/clusters/${encodeURIComponent(clusterName)}/customers`,
      { query: { ...options } },
    );
  }

  searchCustomers(options: {
    search?: string;
    limit?: number;
    offset?: number;
  }): Promise<CustomerPage> {
    return this.request('/customers', { query: options });
  }

  getCustomer(customerId: number): Promise<Customer> {
    return this.request(`/customers/${id(customerId)}`);
  }

  createCluster(request: CreateClusterRequest): Promise<Cluster> {
    return this.request('/clusters', { method: 'POST', body: request });
  }

  updateCluster(name: string, request: UpdateClusterRequest): Promise<Cluster> {
    return this.request(`/clusters/${encodeURIComponent(name)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  deleteCluster(name: string, version: number): Promise<void> {
    return this.request(`/clusters/${encodeURIComponent(name)}`, {
      method: 'DELETE',
      query: { version },
    });
  }

  createCustomer(request: CreateCustomerRequest): Promise<Customer> {
    return this.request('/customers', { method: 'POST', body: request });
  }

  updateCustomer(
    customerId: number,
    request: UpdateCustomerRequest,
  ): Promise<Customer> {
    return this.request(`/customers/${id(customerId)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  deleteCustomer(customerId: number, version: number): Promise<void> {
    return this.request(`/customers/${id(customerId)}`, {
      method: 'DELETE',
      query: { version },
    });
  }

  listReleases(options: ListReleasesOptions = {}): Promise<ReleasePage> {
    return this.request('/releases', { query: { ...options } });
  }

  getRelease(releaseId: number): Promise<ReleaseDetail> {
    return this.request(`/releases/${id(releaseId)}`);
  }

  createRelease(request: CreateReleaseRequest): Promise<Release> {
    return this.request('/releases', { method: 'POST', body: request });
  }

  updateRelease(
    releaseId: number,
    request: UpdateReleaseRequest,
  ): Promise<Release> {
    return this.request(`/releases/${id(releaseId)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  deleteRelease(releaseId: number, version: number): Promise<void> {
    return this.request(`/releases/${id(releaseId)}`, {
      method: 'DELETE',
      query: { version },
    });
  }

  activateRelease(
    releaseId: number,
    request: ActivateReleaseRequest,
  ): Promise<unknown> {
    return this.request(`/releases/${id(releaseId)}/activate`, {
      method: 'POST',
      body: request,
    });
  }

  addReleaseCustomers(
    releaseId: number,
    customerIds: number[],
  ): Promise<unknown> {
    return this.request(`/releases/${id(releaseId)}/customers`, {
      method: 'POST',
      body: { customerIds },
    });
  }

  archiveRelease(releaseId: number, version: number): Promise<Release> {
    return this.request(`/releases/${id(releaseId)}/archive`, {
      method: 'POST',
      body: { version },
    });
  }

  getReleaseProgress(releaseId: number): Promise<ReleaseProgress> {
    return this.request(`/releases/${id(releaseId)}/progress`);
  }

  getReleaseMatrix(
    releaseId: number,
    options: { cluster: string } & PageOptions,
  ): Promise<ReleaseMatrix> {
    return this.request(`/releases/${id(releaseId)}/matrix`, {
      query: { ...options },
    });
  }

  listReleaseEvents(
    releaseId: number,
    options: { customerId?: number } & PageOptions = {},
  ): Promise<StepEventPage> {
    return this.request(`/releases/${id(releaseId)}/events`, {
      query: { ...options },
    });
  }

  createTemplate(
    releaseId: number,
    request: CreateTemplateRequest,
  ): Promise<StepTemplate> {
    return this.request(`/releases/${id(releaseId)}/templates`, {
      method: 'POST',
      body: request,
    });
  }

  updateTemplate(
    templateId: number,
    request: UpdateTemplateRequest,
  ): Promise<StepTemplate> {
    return this.request(`/templates/${id(templateId)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  deleteTemplate(templateId: number, version: number): Promise<unknown> {
    return this.request(`/templates/${id(templateId)}`, {
      method: 'DELETE',
      query: { version },
    });
  }

  reorderTemplates(
    releaseId: number,
    request: ReorderTemplatesRequest,
  ): Promise<unknown> {
    return this.request(`/releases/${id(releaseId)}/templates/reorder`, {
      method: 'POST',
      body: request,
    });
  }

  listCustomerSteps(
    releaseId: number,
    customerId: number,
  ): Promise<{ items: CustomerStep[] }> {
    return this.request(
      `/releases/${id(releaseId)}/customers/${id(customerId)}/steps`,
    );
  }

  getStep(stepId: number): Promise<CustomerStep> {
    return this.request(`/steps/${id(stepId)}`);
  }

  listStepEvents(stepId: number): Promise<{ items: StepEvent[] }> {
    return this.request(`/steps/${id(stepId)}/events`);
  }

  addCustomStep(
    releaseId: number,
    customerId: number,
    request: AddCustomStepRequest,
  ): Promise<CustomerStep> {
    return this.request(
      `/releases/${id(releaseId)}/customers/${id(customerId)}/steps`,
      { method: 'POST', body: request },
    );
  }

  markStepDone(
    stepId: number,
    request: MarkStepDoneRequest,
  ): Promise<CustomerStep> {
    return this.stepAction(stepId, 'done', request);
  }

  skipStep(stepId: number, request: SkipStepRequest): Promise<CustomerStep> {
    return this.stepAction(stepId, 'skip', request);
  }

  revertStep(
    stepId: number,
    request: RevertStepRequest,
  ): Promise<CustomerStep> {
    return this.stepAction(stepId, 'revert', request);
  }

  reopenStep(stepId: number, version: number): Promise<CustomerStep> {
    return this.stepAction(stepId, 'reopen', { version });
  }

  resetStep(stepId: number, version: number): Promise<CustomerStep> {
    return this.stepAction(stepId, 'reset', { version });
  }

  overrideStep(
    stepId: number,
    request: OverrideStepRequest,
  ): Promise<CustomerStep> {
    return this.request(`/steps/${id(stepId)}/content`, {
      method: 'PUT',
      body: request,
    });
  }

  deleteStep(stepId: number, version: number): Promise<void> {
    return this.request(`/steps/${id(stepId)}`, {
      method: 'DELETE',
      query: { version },
    });
  }

  bulkSteps(
    releaseId: number,
    request: BulkStepRequest,
  ): Promise<BulkStepResult> {
    return this.request(`/releases/${id(releaseId)}/steps/bulk`, {
      method: 'POST',
      body: request,
    });
  }

  private stepAction(
    stepId: number,
    action: 'done' | 'skip' | 'revert' | 'reopen' | 'reset',
    body: object,
  ): Promise<CustomerStep> {
    return this.request(`/steps/${id(stepId)}/${action}`, {
      method: 'POST',
      body,
    });
  }
}
