import { METADATA_MAX_BYTES } from '@opshub/plugin-release-orchestration-common';
import { metadataText, parseMetadata } from './MetadataField';

describe('parseMetadata', () => {
  it('accepts an object, and empty text as {}', () => {
    expect(parseMetadata('')).toEqual({ value: {} });
    expect(parseMetadata(' {"team": "payments", "tier": 1} ')).toEqual({
      value: { team: 'payments', tier: 1 },
    });
  });

  it('refuses arrays, scalars, null and bad JSON', () => {
    for (const text of ['[1]', '"x"', '3', 'null', 'true']) {
      expect(parseMetadata(text).problem).toMatch(/Must be a JSON object/);
    }
    expect(parseMetadata('{team: 1}').problem).toMatch(/^Not valid JSON/);
  });

  it('refuses more than METADATA_MAX_BYTES, counting UTF-8 bytes', () => {
    // 'é' is two bytes: half as many characters pass the limit
    const text = JSON.stringify({ a: 'é'.repeat(METADATA_MAX_BYTES / 2) });
    expect(parseMetadata(text).problem).toMatch(/^At most 16384 bytes/);
    expect(
      parseMetadata(JSON.stringify({ a: 'e'.repeat(1000) })).problem,
    ).toBeUndefined();
  });

  it('shows {} as empty and objects indented', () => {
    expect(metadataText({})).toBe('');
    expect(metadataText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
