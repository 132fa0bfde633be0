import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { Client } from 'pg';
import { InspectorEnvironmentConfig } from '../config';
import { ActivityStore } from '../database/ActivityStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import { InspectorService } from './InspectorService';
import { quoteIdent } from '@opshub/opshub-common';
import { TableDetailService } from './TableDetailService';

jest.setTimeout(60_000);

const SCHEMA = 'Weird "Schema"; --';
const TABLE = `Robert'); DROP TABLE "parent";--`;
const PARENT = 'parent';
const CHILD = 'child"s';

describe('quoteIdent', () => {
  it('doubles quotes and wraps in quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent(`x"; DROP TABLE y; --`)).toBe(`"x""; DROP TABLE y; --"`);
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
  });
});

const serverUrl = postgresTestUrl();
const describeOnPostgres = serverUrl ? describe : describe.skip;

describeOnPostgres(
  `TableDetailService on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let scratch: ScratchDatabase;
    let postgres: ReadOnlyPostgres;
    let service: TableDetailService;
    const store: jest.Mocked<ActivityStore> = {
      record: jest.fn(),
      list: jest.fn(),
      listBetween: jest.fn(),
      prune: jest.fn(),
    };

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl as string);
      const db = scratch.client;
      const id = (text: string) => db.escapeIdentifier(text);
      const hostile = `${id(SCHEMA)}.${id(TABLE)}`;
      await db.query(`CREATE SCHEMA ${id(SCHEMA)}`);
      await db.query(`CREATE TABLE public.${id(PARENT)} (id int PRIMARY KEY)`);
      await db.query(`
        CREATE TABLE ${hostile} (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          code varchar(20) NOT NULL DEFAULT 'x''y',
          price numeric(10,2) CHECK (price >= 0),
          doubled numeric GENERATED ALWAYS AS (price * 2) STORED,
          during tsrange,
          parent_id int REFERENCES public.${id(PARENT)} (id),
          UNIQUE (code),
          CONSTRAINT ${id('no "overlap"')} EXCLUDE USING gist (during WITH &&)
        )`);
      await db.query(`COMMENT ON TABLE ${hostile} IS 'hostile; table'`);
      await db.query(
        `CREATE TABLE public.${id(CHILD)} (ref bigint, CONSTRAINT ${id(
          'child_ref"fk',
        )} FOREIGN KEY (ref) REFERENCES ${hostile} (id))`,
      );
      await db.query(
        `CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      );
      await db.query(
        `CREATE TRIGGER ${id(
          'touch"it',
        )} BEFORE UPDATE ON ${hostile} FOR EACH ROW EXECUTE FUNCTION public.touch()`,
      );
      await db.query(`INSERT INTO public.${id(PARENT)} VALUES (1)`);
      await db.query(
        `INSERT INTO ${hostile} (code, price, parent_id) SELECT 'c' || g, g, 1 FROM generate_series(1, 42) g`,
      );

      const port = await closedPort();
      const environments: InspectorEnvironmentConfig[] = [
        {
          name: 'dev',
          label: 'Development',
          tier: 'dev',
          connection: scratch.url,
          statementTimeoutMs: 500,
          poolSize: 2,
        },
        {
          name: 'down',
          label: 'Down',
          tier: 'uat',
          connection: `postgresql://u:pw@127.0.0.1:${port}/x`,
          statementTimeoutMs: 500,
          poolSize: 1,
        },
      ];
      postgres = new ReadOnlyPostgres({ environments });
      service = new TableDetailService({
        databases: new ReadOnlyEnvironmentDatabases({ environments, postgres }),
        store,
      });
    });

    afterAll(async () => {
      await postgres?.close();
      await scratch?.drop();
    });

    it('describes a table with a hostile name', async () => {
      const detail = await service.getTableDetail('dev', SCHEMA, TABLE, 'me');
      expect(detail.schema).toBe(SCHEMA);
      expect(detail.name).toBe(TABLE);
      expect(detail.kind).toBe('table');
      expect(detail.comment).toBe('hostile; table');
      expect(detail.columns).toEqual([
        {
          name: 'id',
          type: 'bigint',
          nullable: false,
          default: null,
          identity: 'always',
          generated: null,
        },
        {
          name: 'code',
          type: 'character varying(20)',
          nullable: false,
          default: "'x''y'::character varying",
          identity: null,
          generated: null,
        },
        {
          name: 'price',
          type: 'numeric(10,2)',
          nullable: true,
          default: null,
          identity: null,
          generated: null,
        },
        {
          name: 'doubled',
          type: 'numeric',
          nullable: true,
          default: null,
          identity: null,
          generated: '(price * (2)::numeric)',
        },
        expect.objectContaining({ name: 'during', type: 'tsrange' }),
        expect.objectContaining({ name: 'parent_id', type: 'integer' }),
      ]);
      expect(detail.constraints.map(c => c.type).sort()).toEqual([
        'check',
        'exclusion',
        'primary key',
        'unique',
      ]);
      expect(detail.constraints).toContainEqual({
        name: 'no "overlap"',
        type: 'exclusion',
        definition: 'EXCLUDE USING gist (during WITH &&)',
      });
      expect(detail.indexes).toHaveLength(3);
      const pk = detail.indexes.find(i => i.primary);
      expect(pk).toMatchObject({ unique: true, valid: true });
      expect(pk?.sizeBytes).toBeGreaterThan(0);
      expect(detail.foreignKeys.outgoing).toEqual([
        expect.objectContaining({
          fromSchema: SCHEMA,
          fromTable: TABLE,
          fromColumns: ['parent_id'],
          toSchema: 'public',
          toTable: PARENT,
          toColumns: ['id'],
        }),
      ]);
      expect(detail.foreignKeys.incoming).toEqual([
        expect.objectContaining({
          name: 'child_ref"fk',
          fromSchema: 'public',
          fromTable: CHILD,
          fromColumns: ['ref'],
          toTable: TABLE,
          toColumns: ['id'],
        }),
      ]);
      expect(detail.triggers).toEqual([
        expect.objectContaining({ name: 'touch"it', enabled: true }),
      ]);
      expect(store.record).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'tables.detail', actor: 'me' }),
      );
    });

    it('counts the rows of a hostile table exactly', async () => {
      const count = await service.countRows('dev', SCHEMA, TABLE, 'me');
      expect(count).toMatchObject({
        schema: SCHEMA,
        name: TABLE,
        count: 42,
        timedOut: false,
        timeoutMs: 500,
      });
      // the parent table survived
      const { rows } = await scratch.client.query(
        'SELECT count(*)::int AS n FROM public.parent',
      );
      expect(rows[0].n).toBe(1);
    });

    it('reports a count stopped by the timeout as timedOut', async () => {
      const locker = new Client({ connectionString: scratch.url });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query(
          `LOCK TABLE ${locker.escapeIdentifier(
            SCHEMA,
          )}.${locker.escapeIdentifier(TABLE)} IN ACCESS EXCLUSIVE MODE`,
        );
        const count = await service.countRows('dev', SCHEMA, TABLE, 'me');
        expect(count).toMatchObject({ count: null, timedOut: true });
        expect(count.elapsedMs).toBeGreaterThanOrEqual(400);
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
    });

    it('answers 404 for names that only look like tables', async () => {
      for (const [schema, table] of [
        ['public', `${PARENT}; DROP TABLE x`],
        ['public', `" OR 1=1 --`],
        [`public"."${PARENT}`, PARENT],
        ['pg_catalog', 'pg_class'],
        ['public', 'PARENT'],
      ]) {
        await expect(
          service.getTableDetail('dev', schema, table, 'me'),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          service.countRows('dev', schema, table, 'me'),
        ).rejects.toBeInstanceOf(NotFoundError);
      }
      await expect(
        service.getTableDetail('nope', 'public', PARENT, 'me'),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('sorts the table list by name, rows and size', async () => {
      await scratch.client.query('ANALYZE');
      const inspector = new InspectorService({
        databases: new ReadOnlyEnvironmentDatabases({
          environments: [
            {
              name: 'dev',
              label: 'Development',
              tier: 'dev',
              connection: scratch.url,
              statementTimeoutMs: 500,
              poolSize: 2,
            },
          ],
          postgres,
        }),
        store,
      });
      const names = async (
        sort?: 'name' | 'rows' | 'size',
        order?: 'asc' | 'desc',
      ) =>
        (
          await inspector.listTables(
            'dev',
            { limit: 10, offset: 0, sort, order },
            'me',
          )
        ).items.map(t => t.name);
      expect(await names()).toEqual([TABLE, CHILD, PARENT]);
      expect(await names('name', 'desc')).toEqual([PARENT, CHILD, TABLE]);
      expect((await names('rows', 'desc'))[0]).toBe(TABLE);
      expect((await names('size', 'desc'))[0]).toBe(TABLE);
    });

    it('answers 503 when the database is down', async () => {
      await expect(
        service.countRows('down', 'public', PARENT, 'me'),
      ).rejects.toBeInstanceOf(ServiceUnavailableError);
    });
  },
);
