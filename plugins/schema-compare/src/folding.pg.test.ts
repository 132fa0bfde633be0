import { compareUrls } from './compareUrls';
import {
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from './testing/postgres';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
jest.setTimeout(60_000);

const BOTH = `
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
`;

/** A table with a serial column, an index, a foreign key, a check and a trigger. */
const WITH_ORDERS = `${BOTH}
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id),
  amount bigint CHECK (amount >= 0),
  number bigserial
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO customers VALUES (1, 'a');
`;

describeIfPostgres(
  `folding dependent objects into their table${
    serverUrl ? '' : POSTGRES_SKIP_NOTE
  }`,
  () => {
    const databases: ScratchDatabase[] = [];
    let withOrders: ScratchDatabase;
    let without: ScratchDatabase;

    async function scratch(sql: string): Promise<ScratchDatabase> {
      const db = await createScratchDatabase(serverUrl!);
      databases.push(db);
      await db.client.query(sql);
      return db;
    }

    beforeAll(async () => {
      [withOrders, without] = await Promise.all([
        scratch(WITH_ORDERS),
        scratch(BOTH),
      ]);
    });

    afterAll(() => Promise.all(databases.map(db => db.drop())));

    const CHILDREN = [
      'sequence:public.orders_id_seq',
      'sequence:public.orders_number_seq',
      'constraint:public.orders.orders_amount_check',
      'constraint:public.orders.orders_pkey',
      'foreign_key:public.orders.orders_customer_id_fkey',
      'index:public.orders.orders_customer_idx',
      'trigger:public.orders.orders_touch',
    ];

    it('shows a dropped table once, with its dependents as children', async () => {
      const result = await compareUrls(withOrders.url, without.url);
      expect(result.differences.map(d => d.key)).toEqual([
        'table:public.orders',
      ]);
      const [orders] = result.differences;
      expect(orders.change).toBe('removed');
      expect(orders.severity).toBe('breaking');
      expect(orders.hazards.map(h => h.code)).toEqual(['table_dropped']);
      expect(orders.children!.map(c => c.key)).toEqual(CHILDREN);
      for (const child of orders.children!) {
        expect(child).toMatchObject({
          change: 'removed',
          severity: 'info',
          breaking: false,
          hazards: [],
        });
        expect(child.sql).toBeUndefined();
      }
      expect(result.summary).toEqual({
        total: 1,
        breakingCount: 1,
        byChange: { added: 0, removed: 1, modified: 0 },
        byObjectType: { table: 1 },
        bySeverity: { breaking: 1, hazard: 0, info: 0 },
        byHazard: { table_dropped: 1 },
      });
      // dropping the table drops its owned sequences: no DROP SEQUENCE
      expect(orders.sql).toBe('DROP TABLE "public"."orders";');
      expect(result.migrationSql).not.toContain('SEQUENCE');

      const copy = await scratch(WITH_ORDERS);
      await copy.client.query(result.migrationSql);
      const again = await compareUrls(copy.url, without.url);
      expect(again.differences).toEqual([]);
    });

    it('shows an added table once, and its SQL creates its sequences', async () => {
      const result = await compareUrls(without.url, withOrders.url);
      expect(result.differences.map(d => d.key)).toEqual([
        'table:public.orders',
      ]);
      const [orders] = result.differences;
      expect(orders.change).toBe('added');
      expect(orders.severity).toBe('info');
      expect(orders.children!.map(c => c.key)).toEqual(CHILDREN);
      expect(orders.children!.every(c => c.change === 'added')).toBe(true);
      expect(result.summary.total).toBe(1);
      expect(result.summary.bySeverity).toEqual({
        breaking: 0,
        hazard: 0,
        info: 1,
      });
      expect(orders.sql).toContain('CREATE SEQUENCE "public"."orders_id_seq"');
      expect(orders.sql).toContain(
        'ALTER SEQUENCE "public"."orders_id_seq" OWNED BY "public"."orders"."id";',
      );
      expect(orders.sql!.indexOf('CREATE SEQUENCE')).toBeLessThan(
        orders.sql!.indexOf('CREATE TABLE'),
      );

      const copy = await scratch(BOTH);
      await copy.client.query(result.migrationSql);
      const again = await compareUrls(copy.url, withOrders.url);
      expect(again.differences).toEqual([]);
      // the serial default works on the created table
      await copy.client.query(
        `INSERT INTO customers VALUES (1, 'a'); INSERT INTO orders (customer_id, amount) VALUES (1, 5)`,
      );
      const { rows } = await copy.client.query('SELECT id, number FROM orders');
      expect(rows).toEqual([{ id: 1, number: '1' }]);
    });

    it('keeps a sequence whose owning table is dropped, and counts it on its own', async () => {
      const source = await scratch(
        `${BOTH} CREATE TABLE old_owner (n int); CREATE SEQUENCE kept_seq OWNED BY old_owner.n;`,
      );
      const target = await scratch(`${BOTH} CREATE SEQUENCE kept_seq;`);
      const result = await compareUrls(source.url, target.url);
      expect(result.differences.map(d => `${d.key} ${d.change}`)).toEqual([
        'sequence:public.kept_seq modified',
        'table:public.old_owner removed',
      ]);
      expect(result.differences[1].children).toBeUndefined();
      expect(result.summary.total).toBe(2);
      const copy = await scratch(
        `${BOTH} CREATE TABLE old_owner (n int); CREATE SEQUENCE kept_seq OWNED BY old_owner.n;`,
      );
      await copy.client.query(result.migrationSql);
      expect((await compareUrls(copy.url, target.url)).differences).toEqual([]);
    });
  },
);
