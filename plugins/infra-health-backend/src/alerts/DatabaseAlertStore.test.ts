import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseAlertStore } from './DatabaseAlertStore';
import { incomingAlert } from './testing';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const T0 = new Date('2026-12-02T10:05:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const page = { limit: 50, offset: 0 };

describe.each(ids)('DatabaseAlertStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseAlertStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  it('keys alerts on fingerprint + startsAt: a re-send updates, never duplicates', async () => {
    const { knex, store } = await setup();
    const first = await store.upsertAlerts(
      [
        incomingAlert({ fingerprint: 'a1' }),
        incomingAlert({ fingerprint: 'b2' }),
      ],
      T0,
    );
    expect(first.created.map(a => a.fingerprint)).toEqual(['a1', 'b2']);
    expect(first.created[0]).toMatchObject({
      state: 'firing',
      startsAt: '2026-12-02T10:00:00.000Z',
      service: 'payments-api',
      severity: 'critical',
      runbookUrl: 'https://runbooks.example.com/high-error-rate',
      labels: { alertname: 'HighErrorRate' },
      acknowledgement: null,
      resolution: null,
    });

    const again = await store.upsertAlerts(
      [incomingAlert({ fingerprint: 'a1', summary: 'now 7% errors' })],
      minutes(5),
    );
    expect(again.created).toEqual([]);
    expect(again.updated).toHaveLength(1);
    expect(again.updated[0]).toMatchObject({
      id: first.created[0].id,
      summary: 'now 7% errors',
      lastReceivedAt: minutes(5).toISOString(),
      createdAt: T0.toISOString(),
    });
    // the same fingerprint with another startsAt is another alert
    const next = await store.upsertAlerts(
      [
        incomingAlert({
          fingerprint: 'a1',
          startsAt: new Date('2026-12-02T11:00:00.000Z'),
        }),
      ],
      minutes(60),
    );
    expect(next.created).toHaveLength(1);
    const [{ count }] = await knex('health_alerts').count({ count: '*' });
    expect(Number(count)).toBe(3);
  });

  it('resolves on status resolved, and stores an alert first seen resolved as resolved', async () => {
    const { store } = await setup();
    const { created } = await store.upsertAlerts(
      [incomingAlert({ fingerprint: 'a1' })],
      T0,
    );
    const endsAt = minutes(3);
    const result = await store.upsertAlerts(
      [
        incomingAlert({ fingerprint: 'a1', status: 'resolved', endsAt }),
        incomingAlert({ fingerprint: 'z9', status: 'resolved', endsAt }),
      ],
      minutes(4),
    );
    expect(result.created).toEqual([]);
    expect(result.resolved.map(a => [a.fingerprint, a.state])).toEqual([
      ['a1', 'resolved'],
      ['z9', 'resolved'],
    ]);
    expect(result.resolved[0]).toMatchObject({
      id: created[0].id,
      endsAt: endsAt.toISOString(),
      resolution: { by: 'alertmanager', at: endsAt.toISOString() },
    });
    // a late resolved re-send changes nothing about the resolution
    const late = await store.upsertAlerts(
      [incomingAlert({ fingerprint: 'a1', status: 'resolved', endsAt })],
      minutes(9),
    );
    expect(late.resolved).toEqual([]);
    expect(late.updated[0].state).toBe('resolved');
  });

  it('writes a payload in one transaction: a failing alert stores none', async () => {
    const { knex, store } = await setup();
    // the second alert breaks a NOT NULL constraint on every database
    const attempt = await store
      .upsertAlerts(
        [
          incomingAlert({ fingerprint: 'ok1' }),
          incomingAlert({ fingerprint: 'bad', alertname: null as never }),
        ],
        T0,
      )
      .then(
        () => 'stored',
        (error: Error) => error.message,
      );
    expect(attempt).toMatch(/NOT NULL|null value/i);
    const [{ count }] = await knex('health_alerts').count({ count: '*' });
    expect(Number(count)).toBe(0);
  });

  it('acknowledges firing alerts only, and an expired acknowledgement reads as firing', async () => {
    const { store } = await setup();
    const {
      created: [alert],
    } = await store.upsertAlerts([incomingAlert({ fingerprint: 'a1' })], T0);

    const ack = await store.acknowledge(
      alert.id,
      { by: 'user:default/jane', comment: 'looking', until: minutes(30) },
      minutes(1),
    );
    expect(ack).toMatchObject({
      ok: true,
      alert: {
        state: 'acknowledged',
        acknowledgement: {
          by: 'user:default/jane',
          at: minutes(1).toISOString(),
          comment: 'looking',
          until: minutes(30).toISOString(),
          expired: false,
        },
      },
    });
    // a second acknowledgement while the first holds is refused
    const twice = await store.acknowledge(
      alert.id,
      { by: 'user:default/joe', comment: null, until: null },
      minutes(2),
    );
    expect(twice).toMatchObject({
      ok: false,
      current: { state: 'acknowledged' },
    });

    // after `until`, it is firing again on read, in lists and filters
    const later = minutes(31);
    expect((await store.getAlert(alert.id, later))!).toMatchObject({
      state: 'firing',
      acknowledgement: { by: 'user:default/jane', expired: true },
    });
    const firing = await store.listAlerts({ state: 'firing' }, page, later);
    expect(firing.items.map(a => a.id)).toEqual([alert.id]);
    const acked = await store.listAlerts(
      { state: 'acknowledged' },
      page,
      later,
    );
    expect(acked.totalCount).toBe(0);
    expect(
      (await store.listAlerts({ state: 'acknowledged' }, page, minutes(29)))
        .totalCount,
    ).toBe(1);

    // the expiry task moves it back in the table
    const expired = await store.expireAcknowledgements(later);
    expect(expired.map(a => [a.id, a.state])).toEqual([[alert.id, 'firing']]);
    expect(await store.expireAcknowledgements(later)).toEqual([]);
    expect(
      (await store.getAlert(alert.id, later))!.acknowledgement,
    ).toMatchObject({ expired: true });

    // and it can be acknowledged again
    const again = await store.acknowledge(
      alert.id,
      { by: 'user:default/joe', comment: null, until: null },
      minutes(32),
    );
    expect(again).toMatchObject({
      ok: true,
      alert: {
        state: 'acknowledged',
        acknowledgement: { by: 'user:default/joe', until: null },
      },
    });
  });

  it('resolves firing or acknowledged alerts once; resolved alerts refuse transitions', async () => {
    const { store } = await setup();
    const { created } = await store.upsertAlerts(
      [
        incomingAlert({ fingerprint: 'a1' }),
        incomingAlert({ fingerprint: 'b2' }),
      ],
      T0,
    );
    const [a, b] = created;
    await store.acknowledge(
      b.id,
      { by: 'user:default/jane', comment: null, until: null },
      minutes(1),
    );
    for (const alert of [a, b]) {
      const resolved = await store.resolve(
        alert.id,
        { by: 'user:default/jane', comment: 'fixed' },
        minutes(2),
      );
      expect(resolved).toMatchObject({
        ok: true,
        alert: {
          state: 'resolved',
          resolution: {
            by: 'user:default/jane',
            comment: 'fixed',
            at: minutes(2).toISOString(),
          },
        },
      });
    }
    expect(
      await store.resolve(a.id, { by: 'x', comment: null }, minutes(3)),
    ).toMatchObject({ ok: false, current: { state: 'resolved' } });
    expect(
      await store.acknowledge(
        a.id,
        { by: 'x', comment: null, until: null },
        minutes(3),
      ),
    ).toMatchObject({ ok: false, current: { state: 'resolved' } });
    expect(
      await store.resolve(999_999, { by: 'x', comment: null }, minutes(3)),
    ).toEqual({ ok: false, current: undefined });
    // a firing re-send from Alertmanager does not reopen a resolved alert
    const resend = await store.upsertAlerts(
      [incomingAlert({ fingerprint: 'a1' })],
      minutes(4),
    );
    expect(resend.updated[0].state).toBe('resolved');
  });

  it('lets only one of two concurrent transitions succeed', async () => {
    const { store } = await setup();
    const {
      created: [alert],
    } = await store.upsertAlerts([incomingAlert({ fingerprint: 'a1' })], T0);
    const results = await Promise.all([
      store.acknowledge(
        alert.id,
        { by: 'user:default/jane', comment: null, until: null },
        minutes(1),
      ),
      store.acknowledge(
        alert.id,
        { by: 'user:default/joe', comment: null, until: null },
        minutes(1),
      ),
      store.resolve(
        alert.id,
        { by: 'user:default/ann', comment: null },
        minutes(1),
      ),
      store.resolve(
        alert.id,
        { by: 'user:default/bob', comment: null },
        minutes(1),
      ),
    ]);
    const acks = results.slice(0, 2).filter(r => r.ok);
    const resolves = results.slice(2).filter(r => r.ok);
    expect(acks.length).toBeLessThanOrEqual(1);
    expect(resolves).toHaveLength(1);
  });

  it('lists newest first with filters and paging, and records escalations', async () => {
    const { store } = await setup();
    await store.upsertAlerts(
      [
        incomingAlert({
          fingerprint: 'old',
          startsAt: new Date('2026-12-01T10:00:00.000Z'),
        }),
        incomingAlert({
          fingerprint: 'new',
          startsAt: new Date('2026-12-02T09:00:00.000Z'),
          severity: 'warning',
        }),
        incomingAlert({
          fingerprint: 'other',
          startsAt: new Date('2026-12-01T12:00:00.000Z'),
          service: 'checkout-web',
        }),
      ],
      T0,
    );
    const all = await store.listAlerts({}, page, T0);
    expect(all.items.map(a => a.fingerprint)).toEqual(['new', 'other', 'old']);
    const second = await store.listAlerts({}, { limit: 1, offset: 1 }, T0);
    expect(second).toMatchObject({ totalCount: 3 });
    expect(second.items.map(a => a.fingerprint)).toEqual(['other']);
    const payments = await store.listAlerts(
      { service: 'payments-api', severity: 'critical' },
      page,
      T0,
    );
    expect(payments.items.map(a => a.fingerprint)).toEqual(['old']);

    const alertId = all.items[0].id;
    await store.addEscalation({
      alertId,
      target: 'pagerduty',
      note: 'wake them',
      actor: 'user:default/jane',
      outcome: 'failed',
      error: 'PagerDuty answered HTTP 400',
      createdAt: minutes(1),
    });
    await store.addEscalation({
      alertId,
      target: 'slack',
      note: null,
      actor: 'user:default/jane',
      outcome: 'sent',
      error: null,
      createdAt: minutes(2),
    });
    expect(
      (await store.listEscalations(alertId)).map(e => [e.target, e.outcome]),
    ).toEqual([
      ['pagerduty', 'failed'],
      ['slack', 'sent'],
    ]);
  });

  it('prunes resolved alerts older than the cutoff with their escalations, never firing or acknowledged ones', async () => {
    const { knex, store } = await setup();
    const old = new Date('2025-01-01T00:00:00.000Z');
    await store.upsertAlerts(
      [
        incomingAlert({ fingerprint: 'old-resolved', status: 'resolved' }),
        incomingAlert({ fingerprint: 'old-firing' }),
        incomingAlert({ fingerprint: 'old-acked' }),
      ],
      old,
    );
    await store.upsertAlerts(
      [incomingAlert({ fingerprint: 'new-resolved', status: 'resolved' })],
      T0,
    );
    const all = await store.listAlerts({}, page, T0);
    const id = (fingerprint: string) =>
      all.items.find(a => a.fingerprint === fingerprint)!.id;
    await store.acknowledge(
      id('old-acked'),
      { by: 'user:default/jane', comment: null, until: null },
      old,
    );
    await store.addEscalation({
      alertId: id('old-resolved'),
      target: 'slack',
      note: null,
      actor: 'user:default/jane',
      outcome: 'sent',
      error: null,
      createdAt: old,
    });

    expect(await store.pruneResolved(minutes(-60 * 24))).toBe(1);

    const left = await store.listAlerts({}, page, T0);
    expect(left.items.map(a => a.fingerprint).sort()).toEqual([
      'new-resolved',
      'old-acked',
      'old-firing',
    ]);
    const [{ n }] = await knex('health_alert_escalations').count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect(await store.pruneResolved(minutes(-60 * 24))).toBe(0);
  });
});
