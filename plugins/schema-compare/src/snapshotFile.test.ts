import { CatalogSnapshot } from './catalog';
import {
  parseSnapshotFile,
  SnapshotFileError,
  stringifySnapshotFile,
  toSnapshotFile,
} from './snapshotFile';

const snapshot: CatalogSnapshot = {
  objects: [
    {
      objectType: 'column',
      schema: 'public',
      table: 't',
      name: 'b',
      def: { dataType: 'text' },
      meta: { position: 2 },
    },
    { objectType: 'table', schema: 'public', name: 't', def: {} },
    { objectType: 'schema', schema: 'app', name: 'app', def: {} },
  ],
};

describe('schema snapshot files', () => {
  it('round-trips through JSON, objects in a stable order', () => {
    const file = toSnapshotFile(
      snapshot,
      'postgresql://db:5432/app',
      new Date('2025-01-02T03:04:05Z'),
    );
    expect(file).toMatchObject({
      format: 'opshub-schema-snapshot',
      version: 1,
      takenAt: '2025-01-02T03:04:05.000Z',
      source: 'postgresql://db:5432/app',
    });
    expect(file.snapshot.objects.map(o => o.objectType)).toEqual([
      'schema',
      'table',
      'column',
    ]);
    const text = stringifySnapshotFile(file);
    // one object per line, for diffs of a committed baseline
    expect(text.split('\n')).toHaveLength(file.snapshot.objects.length + 3);
    expect(parseSnapshotFile(JSON.parse(text))).toEqual(file);
    expect(
      parseSnapshotFile(
        JSON.parse(stringifySnapshotFile(toSnapshotFile({ objects: [] }, 'x'))),
      ).snapshot.objects,
    ).toEqual([]);
  });

  const valid = () =>
    JSON.parse(stringifySnapshotFile(toSnapshotFile(snapshot, 'prod')));

  it.each([
    ['not an object', () => [], 'must be a JSON object, not an array'],
    [
      'another format',
      () => ({ ...valid(), format: 'pg_dump' }),
      'Not a schema snapshot file: format is "pg_dump"',
    ],
    [
      'another version',
      () => ({ ...valid(), version: 2 }),
      'Unsupported schema snapshot version 2: this version reads version 1',
    ],
    [
      'a bad date',
      () => ({ ...valid(), takenAt: 'yesterday' }),
      'takenAt must be an ISO 8601 date',
    ],
    [
      'no source',
      () => ({ ...valid(), source: undefined }),
      'source must be a string',
    ],
    [
      'no objects',
      () => ({ ...valid(), snapshot: {} }),
      'snapshot must be an object with an objects array',
    ],
    [
      'an unknown object type',
      () => {
        const v = valid();
        v.snapshot.objects[1].objectType = 'rule';
        return v;
      },
      'snapshot.objects[1].objectType must be one of schema, extension',
    ],
    [
      'a missing name',
      () => {
        const v = valid();
        delete v.snapshot.objects[2].name;
        return v;
      },
      'snapshot.objects[2].name must be a non-empty string, not undefined',
    ],
    [
      'a bad definition',
      () => {
        const v = valid();
        v.snapshot.objects[0].def = 'x';
        return v;
      },
      'snapshot.objects[0].def must be an object, not "x"',
    ],
  ])('rejects %s with a clear message', (_name, make, message) => {
    expect(() => parseSnapshotFile(make())).toThrow(SnapshotFileError);
    expect(() => parseSnapshotFile(make())).toThrow(message);
  });
});
