import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../../api';
import { releaseDetail, template } from '../../testing/data';
import { keyboardMove, mockListLayout } from '../../__testUtils__/dnd';
import { TemplateStepsManager } from './TemplateStepsManager';

describe('TemplateStepsManager', () => {
  it('reorders the deploy templates with the keyboard', async () => {
    const restore = mockListLayout();
    try {
      const api = {
        getRelease: jest.fn().mockResolvedValue(
          releaseDetail({
            templates: [
              template({ id: 101, name: 'Backup', orderIndex: 0 }),
              template({ id: 102, name: 'Migrate', orderIndex: 1 }),
              template({ id: 104, name: 'Roll out', orderIndex: 2 }),
              template({
                id: 103,
                name: 'Verify',
                category: 'verify',
                orderIndex: 0,
              }),
            ],
          }),
        ),
        reorderTemplates: jest.fn().mockResolvedValue({ items: [] }),
      };
      await renderInTestApp(
        <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
          <Routes>
            <Route
              path="/releases/:id/templates"
              element={<TemplateStepsManager />}
            />
          </Routes>
        </TestApiProvider>,
        { routeEntries: ['/releases/7/templates'] },
      );
      const handle = await screen.findByRole('button', {
        name: 'Reorder Backup',
      });
      await keyboardMove(handle, 'ArrowDown', 2);
      await waitFor(() =>
        expect(api.reorderTemplates).toHaveBeenCalledWith(7, {
          category: 'deploy',
          templateIds: [102, 104, 101],
        }),
      );
      await waitFor(() => expect(api.getRelease).toHaveBeenCalledTimes(2));
    } finally {
      restore();
    }
  });
});
