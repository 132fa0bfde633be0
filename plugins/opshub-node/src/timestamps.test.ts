import { timestampToIso, timestampToIsoOrNull } from './timestamps';

describe('timestampToIso', () => {
  it('reads what PostgreSQL and SQLite return', () => {
    const iso = '2026-11-21T10:00:00.000Z';
    expect(timestampToIso(new Date(iso))).toBe(iso);
    expect(timestampToIso(Date.parse(iso))).toBe(iso);
    expect(timestampToIso(iso)).toBe(iso);
    // SQLite CURRENT_TIMESTAMP is UTC without a zone
    expect(timestampToIso('2026-11-21 10:00:00')).toBe(iso);
    expect(timestampToIsoOrNull(null)).toBeNull();
    expect(timestampToIsoOrNull(undefined)).toBeNull();
  });
});
