import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { pageQuerySchema } from '@opshub/opshub-common';
import { parseInput, toPage } from './validation';

describe('parseInput', () => {
  it('returns parsed values with defaults', () => {
    expect(parseInput(pageQuerySchema, {}, 'query')).toEqual({
      limit: 50,
      offset: 0,
    });
    expect(
      parseInput(pageQuerySchema, { limit: '10', offset: '20' }, 'query'),
    ).toEqual({ limit: 10, offset: 20 });
  });

  it('throws an InputError that names the field', () => {
    expect(() => parseInput(pageQuerySchema, { limit: '0' }, 'query')).toThrow(
      InputError,
    );
    expect(() =>
      parseInput(pageQuerySchema, { limit: '9999' }, 'query'),
    ).toThrow(/^Invalid query: limit: /);
    expect(() =>
      parseInput(z.object({ name: z.string() }), {}, 'body'),
    ).toThrow(/Invalid body: name: /);
  });
});

describe('toPage', () => {
  it('carries the paging window', () => {
    expect(toPage([1, 2], 7, { limit: 2, offset: 4 })).toEqual({
      items: [1, 2],
      totalCount: 7,
      limit: 2,
      offset: 4,
    });
  });
});

describe('parseInput and NUL characters', () => {
  it('rejects a NUL anywhere in the input, naming the field', () => {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()) });
    expect(() =>
      parseInput(schema, { name: 'ok', tags: ['a', 'b\u0000c'] }, 'body'),
    ).toThrow('Invalid body: tags.1: must not contain a NUL character');
    expect(() => parseInput(z.string(), 'x\u0000', 'query')).toThrow(
      'Invalid query: value: must not contain a NUL character',
    );
    expect(parseInput(schema, { name: 'ok', tags: [] }, 'body')).toEqual({
      name: 'ok',
      tags: [],
    });
  });
});
