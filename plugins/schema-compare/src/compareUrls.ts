import { readCatalog } from './catalog';
import { compareSnapshots } from './compareSnapshots';
import { withReadOnlyDatabase } from './readOnly';
import { redactUrl } from '@opshub/opshub-common';
import { CompareResult } from './types';

/**
 * Compares two databases given by URL, each read in one read-only
 * transaction on its own connection, both in parallel. Throws a sanitized
 * `SchemaCompareDatabaseError` (`database`: `source` or `target`) when one
 * cannot be read. The result names the databases by their URLs without
 * credentials.
 *
 * @public
 */
export async function compareUrls(
  sourceUrl: string,
  targetUrl: string,
  options: { statementTimeoutMs?: number } = {},
): Promise<CompareResult> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  const [source, target] = await Promise.all([
    withReadOnlyDatabase(
      sourceUrl,
      { database: 'source', statementTimeoutMs },
      readCatalog,
    ),
    withReadOnlyDatabase(
      targetUrl,
      { database: 'target', statementTimeoutMs },
      readCatalog,
    ),
  ]);
  return compareSnapshots(source, target, {
    source: redactUrl(sourceUrl),
    target: redactUrl(targetUrl),
  });
}
