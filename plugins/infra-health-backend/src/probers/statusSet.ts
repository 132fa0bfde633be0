/**
 * Parses an expected status set: numbers (`204`), ranges (`"200-299"`) and
 * classes (`"2xx"`), into inclusive ranges. Returns an error message for an
 * entry that is none of these or is outside 100-599.
 *
 * @internal
 */
export function parseStatusSet(
  entries: ReadonlyArray<number | string>,
): { ranges: Array<[number, number]> } | { error: string } {
  const ranges: Array<[number, number]> = [];
  for (const entry of entries) {
    const text = String(entry).trim().toLowerCase();
    let range: [number, number] | undefined;
    const statusClass = text.match(/^([1-5])xx$/);
    const between = text.match(/^(\d{3})\s*-\s*(\d{3})$/);
    if (/^\d{3}$/.test(text)) {
      range = [Number(text), Number(text)];
    } else if (statusClass) {
      range = [Number(statusClass[1]) * 100, Number(statusClass[1]) * 100 + 99];
    } else if (between) {
      range = [Number(between[1]), Number(between[2])];
    }
    if (!range || range[0] < 100 || range[1] > 599 || range[0] > range[1]) {
      return {
        error: `'${String(
          entry,
        )}' is not a status (200), a range (200-299) or a class (2xx) within 100-599`,
      };
    }
    ranges.push(range);
  }
  return { ranges };
}

/**
 * The normalized form of a status set for the API: `"200"`, `"300-399"`.
 *
 * @internal
 */
export function formatStatusSet(
  ranges: ReadonlyArray<readonly [number, number]>,
): string[] {
  return ranges.map(([low, high]) =>
    low === high ? String(low) : `${low}-${high}`,
  );
}
