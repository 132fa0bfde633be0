import { ReleaseExport } from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { requireRelease } from './common';
import { toCsv } from '@opshub/opshub-node';

/**
 * Exports of a release: every step of every customer, as JSON or CSV.
 *
 * @internal
 */
export class ExportService {
  private readonly store: ReleaseStore;

  constructor(options: { store: ReleaseStore }) {
    this.store = options.store;
  }

  async json(id: number): Promise<ReleaseExport> {
    const release = await requireRelease(this.store, id);
    const [templates, steps] = await Promise.all([
      this.store.listTemplates(id),
      this.store.exportSteps(id),
    ]);
    return { release, templates, steps };
  }

  async csv(id: number): Promise<{ filename: string; csv: string }> {
    const { release, steps } = await this.json(id);
    const csv = toCsv(
      [
        'cluster',
        'customer',
        'namespace',
        'category',
        'order',
        'step',
        'type',
        'status',
        'executed_at',
        'executed_by',
        'skip_reason',
        'notes',
        'is_custom',
        'is_overridden',
      ],
      steps.map(s => [
        s.clusterName,
        s.customerName,
        s.namespace,
        s.category,
        s.orderIndex,
        s.name,
        s.type,
        s.status,
        s.executedAt,
        s.executedBy,
        s.skipReason,
        s.notes,
        s.isCustom,
        s.isOverridden,
      ]),
    );
    const slug = release.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
    return { filename: `release-${release.id}-${slug}.csv`, csv };
  }
}
