import { quoteIdent } from './sql';

describe('quoteIdent', () => {
  it.each([
    ['simple', '"simple"'],
    ['MixedCase', '"MixedCase"'],
    ['a"b', '"a""b"'],
    ['x"; DROP TABLE y; --', '"x""; DROP TABLE y; --"'],
    ['名前', '"名前"'],
    ['x'.repeat(63), `"${'x'.repeat(63)}"`],
  ])('quotes %j as one identifier', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it('refuses NUL', () => {
    expect(() => quoteIdent('a\u0000b')).toThrow(/NUL/);
  });
});
