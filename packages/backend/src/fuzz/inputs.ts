/**
 * Malformed inputs the route fuzz test sends. Each is named, so a failure
 * says which one broke a route.
 */

const HUGE = 'x'.repeat(100 * 1024);

/** Values for path parameters (URL-encoded where needed). */
export const malformedParams: Array<[string, string]> = [
  ['above 2^31-1', '2147483648'],
  ['above 2^64', '99999999999999999999'],
  ['negative', '-1'],
  ['zero', '0'],
  ['fraction', '1.5'],
  ['exponent', '1e400'],
  ['non-numeric', 'abc'],
  ['unicode', encodeURIComponent('💥\u202eé漢字')],
  ['NUL byte', '%00'],
  ['sql', encodeURIComponent("1'; drop table x; --")],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['long (8 kB)', 'a'.repeat(8 * 1024)],
];

/** Query keys every OpsHub list and action route might read. */
export const queryKeys = [
  'limit',
  'offset',
  'search',
  'status',
  'state',
  'type',
  'format',
  'environment',
  'service',
  'severity',
  'cluster',
  'customerId',
  'version',
  'entityRef',
  'checkId',
  'since',
  'until',
  'schema',
  'table',
  'name',
];

/** Whole query strings: every key set to the same malformed value. */
export function malformedQueries(): Array<[string, string]> {
  const all = (value: string) =>
    queryKeys.map(key => `${key}=${value}`).join('&');
  return [
    ...malformedParams
      .filter(([name]) => name !== 'long (8 kB)')
      .map(([name, value]): [string, string] => [`query ${name}`, all(value)]),
    ['query long (4 kB)', all('q'.repeat(200))],
    ['query arrays', queryKeys.map(k => `${k}=1&${k}=2`).join('&')],
    ['query objects', queryKeys.map(k => `${k}[a]=1`).join('&')],
    [
      'query prototype pollution',
      '__proto__[polluted]=1&constructor[prototype][polluted]=1',
    ],
  ];
}

/** Body keys OpsHub write routes read. */
const bodyKeys = [
  'name',
  'displayName',
  'version',
  'id',
  'type',
  'category',
  'content',
  'description',
  'customerIds',
  'templateIds',
  'steps',
  'action',
  'notes',
  'reason',
  'position',
  'clusterId',
  'namespace',
  'catalogEntityRef',
  'metadata',
  'kubeconfigPath',
  'environment',
  'source',
  'targets',
  'schema',
  'table',
  'status',
  'service',
  'targetDeploymentId',
  'comment',
  'until',
  'target',
  'note',
];

const withEvery = (value: unknown) =>
  JSON.stringify(Object.fromEntries(bodyKeys.map(key => [key, value])));

/** Raw JSON bodies (already serialized). */
export const malformedBodies: Array<[string, string]> = [
  ['invalid JSON', '{"name": '],
  ['array', '[]'],
  ['string', '"text"'],
  ['number', '123'],
  ['null', 'null'],
  ['empty object', '{}'],
  ['__proto__ pollution', '{"__proto__": {"polluted": true}}'],
  [
    'constructor pollution',
    '{"constructor": {"prototype": {"polluted": true}}}',
  ],
  ['every key a number', withEvery(2147483648)],
  ['every key a negative number', withEvery(-1)],
  ['every key a string', withEvery('abc')],
  ['every key an object', withEvery({ nested: { deeper: [1] } })],
  ['every key an array', withEvery([1, 'two', null])],
  ['every key null', withEvery(null)],
  ['every key a boolean', withEvery(true)],
  ['every key unicode', withEvery('💥\u202eé漢字\u0000')],
  ['every key 2^64', withEvery(99999999999999999999)],
  ['huge string (100 kB)', JSON.stringify({ name: HUGE, content: HUGE })],
  [
    'huge array',
    JSON.stringify({
      customerIds: Array.from({ length: 20_000 }, (_, i) => i + 1),
    }),
  ],
];
