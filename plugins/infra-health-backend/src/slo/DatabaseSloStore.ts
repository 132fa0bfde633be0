import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Slo, SloDefinition } from '@opshub/plugin-infra-health-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso as toIso,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import { SloStore, SyncSlosResult } from './SloStore';

type SloRow = {
  id: number;
  name: string;
  service: string;
  objective: number | string;
  window: string;
  source: Slo['source'];
  good: string | null;
  total: string | null;
  origin: Slo['origin'];
  created_by: string | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
};

function toSlo(row: SloRow): Slo {
  return {
    id: Number(row.id),
    name: row.name,
    service: row.service,
    objective: Number(row.objective),
    window: row.window,
    source: row.source,
    ...(row.good === null ? {} : { good: row.good }),
    ...(row.total === null ? {} : { total: row.total }),
    origin: row.origin,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function definitionColumns(slo: SloDefinition) {
  return {
    name: slo.name,
    service: slo.service,
    objective: slo.objective,
    window: slo.window,
    source: slo.source,
    good: slo.good ?? null,
    total: slo.total ?? null,
  };
}

function sameDefinition(row: SloRow, slo: SloDefinition): boolean {
  const wanted = definitionColumns(slo);
  return (Object.keys(wanted) as Array<keyof typeof wanted>).every(
    key => String(row[key]) === String(wanted[key]),
  );
}

/**
 * Knex implementation of {@link SloStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseSloStore implements SloStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-infra-health-backend',
    });
    return new DatabaseSloStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async syncConfigSlos(
    slos: SloDefinition[],
    now: Date,
  ): Promise<SyncSlosResult> {
    return this.db.transaction(async tx => {
      const result: SyncSlosResult = { added: [], updated: [], removed: [] };
      const existing = new Map(
        (await tx<SloRow>('slos').select('*')).map(row => [row.name, row]),
      );
      for (const slo of slos) {
        const row = existing.get(slo.name);
        if (!row) {
          await tx('slos').insert({
            ...definitionColumns(slo),
            origin: 'config',
            created_by: null,
            created_at: now,
            updated_at: now,
          });
          result.added.push(slo.name);
        } else if (row.origin !== 'config' || !sameDefinition(row, slo)) {
          await tx('slos')
            .where('id', row.id)
            .update({
              ...definitionColumns(slo),
              origin: 'config',
              updated_at: now,
            });
          result.updated.push(slo.name);
        }
      }
      const configured = new Set(slos.map(slo => slo.name));
      const removed = [...existing.values()].filter(
        row => row.origin === 'config' && !configured.has(row.name),
      );
      if (removed.length > 0) {
        await tx('slos')
          .whereIn(
            'id',
            removed.map(row => row.id),
          )
          .delete();
        result.removed.push(...removed.map(row => row.name));
      }
      return result;
    });
  }

  async listSlos(filter: { service?: string }): Promise<Slo[]> {
    const query = this.db<SloRow>('slos').select('*');
    if (filter.service) query.where('service', filter.service);
    const rows = await query.orderBy([
      { column: 'service', order: 'asc' },
      { column: 'name', order: 'asc' },
    ]);
    return rows.map(toSlo);
  }

  async getSlo(id: number): Promise<Slo | undefined> {
    const row = await this.db<SloRow>('slos').where('id', id).first();
    return row ? toSlo(row) : undefined;
  }

  async createSlo(slo: SloDefinition, actor: string, now: Date): Promise<Slo> {
    return this.db.transaction(async tx => {
      await assertNameFree(tx, slo.name);
      const [inserted] = await tx('slos')
        .insert({
          ...definitionColumns(slo),
          origin: 'api',
          created_by: actor,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      return toSlo((await tx<SloRow>('slos').where('id', id).first())!);
    });
  }

  async updateSlo(id: number, slo: SloDefinition, now: Date): Promise<Slo> {
    return this.db.transaction(async tx => {
      await assertNameFree(tx, slo.name, id);
      const updated = await tx('slos')
        .where('id', id)
        .update({ ...definitionColumns(slo), updated_at: now });
      if (updated === 0) throw new NotFoundError(`No SLO with id ${id}`);
      return toSlo((await tx<SloRow>('slos').where('id', id).first())!);
    });
  }

  async deleteSlo(id: number): Promise<boolean> {
    return (await this.db('slos').where('id', id).delete()) > 0;
  }
}

async function assertNameFree(tx: Knex.Transaction, name: string, id?: number) {
  const query = tx<SloRow>('slos').where('name', name);
  if (id !== undefined) query.whereNot('id', id);
  if (await query.first()) {
    throw new ConflictError(`An SLO named '${name}' already exists`);
  }
}
