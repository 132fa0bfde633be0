/**
 * Row types of the release-orchestration tables, their mapping to the API
 * types, and small query helpers shared by the store's aggregate classes.
 *
 * @internal
 */
import {
  DbTimestamp,
  timestampToIso as toIso,
  timestampToIsoOrNull as toIsoOrNull,
} from '@opshub/opshub-node';
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

export type Timestamp = DbTimestamp;
// SQLite stores booleans as 0/1; PostgreSQL returns bigint aggregates as strings
export type Bool = boolean | number;
export type Count = number | string;
// PostgreSQL parses json columns; SQLite returns the text
export type JsonColumn = Metadata | string | null;

/** A stored metadata object; anything but a JSON object reads as `{}`. */
export function toMetadata(value: JsonColumn): Metadata {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Metadata)
    : {};
}

/** Serialized for a json column (PostgreSQL) or text (SQLite). */
export function metadataColumn(
  value: Metadata | undefined,
): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

export type ClusterRow = {
  id: number;
  name: string;
  display_name: string;
  description: string | null;
  region: string | null;
  catalog_entity_ref: string | null;
  kubeconfig_path: string | null;
  metadata: JsonColumn;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  customer_count: Count;
  active_customer_count: Count;
};

export type CustomerRow = {
  id: number;
  cluster_id: number;
  cluster_name: string;
  name: string;
  namespace: string;
  catalog_entity_ref: string | null;
  is_active: Bool;
  notes: string | null;
  metadata: JsonColumn;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
};

export type ReleaseRow = {
  id: number;
  name: string;
  type: ReleaseType;
  status: ReleaseStatus;
  version_number: string | null;
  release_date: string | null;
  description: string | null;
  catalog_entity_ref: string | null;
  created_by: string | null;
  activated_at: Timestamp | null;
  archived_at: Timestamp | null;
  metadata: JsonColumn;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type TemplateRow = {
  id: number;
  release_id: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string | null;
  order_index: number;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type StepRow = {
  id: number;
  release_id: number;
  customer_id: number;
  template_id: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  order_index: number;
  status: StepStatus;
  executed_at: Timestamp | null;
  executed_by: string | null;
  skip_reason: string | null;
  notes: string | null;
  is_custom: Bool;
  is_overridden: Bool;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EventRow = {
  id: number | string;
  step_id: number | null;
  release_id: number;
  customer_id: number;
  kind: StepEventKind;
  actor: string;
  at: Timestamp;
  from_status: StepStatus | null;
  to_status: StepStatus | null;
  note: string | null;
  content_before: string | null;
  content_after: string | null;
};

export function toCluster(row: ClusterRow): Cluster {
  return {
    id: Number(row.id),
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    region: row.region,
    catalogEntityRef: row.catalog_entity_ref,
    kubeconfigPath: row.kubeconfig_path,
    metadata: toMetadata(row.metadata),
    customerCount: Number(row.customer_count),
    activeCustomerCount: Number(row.active_customer_count),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: Number(row.id),
    clusterId: Number(row.cluster_id),
    clusterName: row.cluster_name,
    name: row.name,
    namespace: row.namespace,
    catalogEntityRef: row.catalog_entity_ref,
    isActive: Boolean(row.is_active),
    notes: row.notes,
    metadata: toMetadata(row.metadata),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toRelease(row: ReleaseRow): Release {
  return {
    id: Number(row.id),
    name: row.name,
    type: row.type,
    status: row.status,
    versionNumber: row.version_number,
    releaseDate: row.release_date,
    description: row.description,
    catalogEntityRef: row.catalog_entity_ref,
    createdBy: row.created_by,
    activatedAt: toIsoOrNull(row.activated_at),
    archivedAt: toIsoOrNull(row.archived_at),
    metadata: toMetadata(row.metadata),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toTemplate(row: TemplateRow): StepTemplate {
  return {
    id: Number(row.id),
    releaseId: Number(row.release_id),
    name: row.name,
    category: row.category,
    type: row.type,
    content: row.content,
    description: row.description,
    orderIndex: Number(row.order_index),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toStep(row: StepRow): CustomerStep {
  return {
    id: Number(row.id),
    releaseId: Number(row.release_id),
    customerId: Number(row.customer_id),
    templateId: row.template_id === null ? null : Number(row.template_id),
    name: row.name,
    category: row.category,
    type: row.type,
    content: row.content,
    orderIndex: Number(row.order_index),
    status: row.status,
    executedAt: toIsoOrNull(row.executed_at),
    executedBy: row.executed_by,
    skipReason: row.skip_reason,
    notes: row.notes,
    isCustom: Boolean(row.is_custom),
    isOverridden: Boolean(row.is_overridden),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toEvent(row: EventRow): StepEvent {
  return {
    id: Number(row.id),
    stepId: row.step_id === null ? null : Number(row.step_id),
    releaseId: Number(row.release_id),
    customerId: Number(row.customer_id),
    kind: row.kind,
    actor: row.actor,
    at: toIso(row.at),
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
    contentBefore: row.content_before,
    contentAfter: row.content_after,
  };
}

/** `%`, `_` and the escape character itself match literally. */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[!%_]/g, c => `!${c}`)}%`;
}

export function insertedId(row: unknown): number {
  return Number(
    typeof row === 'object' && row !== null ? (row as { id: number }).id : row,
  );
}

/** Drops undefined values, so that a partial update leaves columns alone. */
export function defined<T extends Record<string, unknown>>(
  values: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** Columns that activation and propagation copy from a template. */
export const STEP_COPY_COLUMNS = [
  'release_id',
  'customer_id',
  'template_id',
  'name',
  'category',
  'type',
  'content',
  'order_index',
];

/** PostgreSQL answers an INSERT with `{ rowCount }`; SQLite with the ids. */
export function insertCount(result: unknown): number {
  if (typeof result === 'object' && result !== null && 'rowCount' in result) {
    return Number((result as { rowCount: number }).rowCount);
  }
  if (Array.isArray(result)) {
    return result.length;
  }
  return 0;
}
