import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Preview } from '@opshub/plugin-deployment-rollback-common';
import { mockApi } from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { PreviewsTable } from './PreviewsTable';

function preview(overrides: Partial<Preview> = {}): Preview {
  return {
    id: 1,
    service: 'payments-api',
    repository: 'acme/payments',
    pullRequest: 42,
    title: 'Card payments',
    branch: 'feature/cards',
    commitSha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    author: 'github:alice',
    state: 'deployed',
    url: 'https://payments-1.vercel.app',
    executor: 'vercel',
    error: null,
    createdAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('PreviewsTable', () => {
  it("lists a service's previews with state, URL, commit and age", async () => {
    const api = mockApi({
      listPreviews: jest.fn().mockResolvedValue({
        items: [
          preview(),
          preview({
            id: 2,
            pullRequest: 43,
            title: 'Refunds',
            state: 'failed',
            url: null,
            error: 'Vercel answered 403 Forbidden',
          }),
        ],
        totalCount: 2,
        limit: 10,
        offset: 0,
        configured: true,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, api]]}>
        <PreviewsTable service="payments-api" />
      </TestApiProvider>,
    );
    expect(await screen.findByText('#42 Card payments')).toBeInTheDocument();
    expect(screen.getByText('payments-1.vercel.app')).toHaveAttribute(
      'href',
      'https://payments-1.vercel.app',
    );
    expect(screen.getAllByText('4b825dc')[0]).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/commit/4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    );
    expect(screen.getAllByText('3 hours ago')).toHaveLength(2);
    expect(
      screen.getByText('Vercel answered 403 Forbidden'),
    ).toBeInTheDocument();
    expect(api.listPreviews).toHaveBeenCalledWith({
      service: 'payments-api',
      limit: 10,
      offset: 0,
    });
  });

  it('says how to configure previews when no executor is configured', async () => {
    const api = mockApi({
      listPreviews: jest.fn().mockResolvedValue({
        items: [],
        totalCount: 0,
        limit: 10,
        offset: 0,
        configured: false,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, api]]}>
        <PreviewsTable />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/No preview executor is configured/),
    ).toBeInTheDocument();
  });
});
