import { Knex } from 'knex';

/**
 * What every aggregate class of the store shares: the Knex client or the
 * transaction they all run in, and the dialect.
 *
 * @internal
 */
export class StoreContext {
  protected readonly isPostgres: boolean;

  constructor(protected readonly db: Knex) {
    const client = String(db.client.config.client ?? '');
    this.isPostgres = ['pg', 'postgres', 'postgresql'].includes(client);
  }

  /** The database clock. */
  protected now() {
    return this.db.fn.now();
  }
}
