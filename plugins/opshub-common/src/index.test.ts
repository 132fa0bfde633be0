import {
  MAX_DB_ID,
  entityRefProblem,
  entityRefSchema,
  idSchema,
  isOpshubErrorBody,
  pageQuerySchema,
  versionSchema,
} from './index';

describe('idSchema', () => {
  it.each(['1', '42', String(MAX_DB_ID)])('accepts %s', value => {
    expect(idSchema.parse(value)).toBe(Number(value));
  });

  it.each([
    '0',
    '-1',
    '1.5',
    'abc',
    '',
    String(MAX_DB_ID + 1),
    '99999999999999999999',
    '1e400',
  ])('rejects %j', value => {
    expect(idSchema.safeParse(value).success).toBe(false);
  });

  it('names the limit in its message', () => {
    const result = idSchema.safeParse('99999999999999999999');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(
      `must be at most ${MAX_DB_ID}`,
    );
  });

  it('gives versions the same range', () => {
    expect(versionSchema.safeParse(String(MAX_DB_ID + 1)).success).toBe(false);
    expect(versionSchema.parse('3')).toBe(3);
  });
});

describe('pageQuerySchema', () => {
  it('defaults and bounds', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(pageQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ offset: '1e300' }).success).toBe(false);
  });
});

describe('entityRefSchema', () => {
  it.each([
    'component:payments-api',
    'component:default/payments-api',
    'Resource:ns/db.main',
  ])('accepts %s', value => {
    expect(entityRefSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    'payments-api',
    'component:',
    ':x',
    'a:b/c/d',
    'component:pay ments',
    'x'.repeat(300),
  ])('rejects %j', value => {
    expect(entityRefProblem(value)).toMatch(/entity ref|at most/);
  });
});

describe('isOpshubErrorBody', () => {
  it('recognises the error middleware body', () => {
    expect(
      isOpshubErrorBody({
        error: { name: 'InputError', message: 'bad' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 400 },
      }),
    ).toBe(true);
    expect(isOpshubErrorBody({ message: 'x' })).toBe(false);
    expect(isOpshubErrorBody(null)).toBe(false);
  });
});
