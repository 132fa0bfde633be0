import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ENTITY_REF_MESSAGE } from '@opshub/opshub-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { release, template } from '../../testing/data';
import { validateReleaseFields } from '../ReleaseFields';
import { ReleaseWizard } from './ReleaseWizard';

const empty = {
  name: '',
  type: 'release' as const,
  versionNumber: '',
  releaseDate: '',
  description: '',
  catalogEntityRef: '',
  metadata: '',
};

describe('validateReleaseFields', () => {
  it('requires a name and checks the date and the entity ref', () => {
    expect(validateReleaseFields(empty)).toEqual({
      name: 'A name is required',
    });
    expect(
      validateReleaseFields({
        ...empty,
        name: '2026.11',
        releaseDate: '24/11/2026',
        catalogEntityRef: 'user:default/alice',
      }),
    ).toEqual({
      releaseDate: 'Use YYYY-MM-DD',
      catalogEntityRef: 'Must be a Component or a System',
    });
    // a bare name: the message of the shared schema, as the server gives it
    expect(
      validateReleaseFields({
        ...empty,
        name: '2026.11',
        catalogEntityRef: 'payments-api',
        metadata: '[1]',
      }),
    ).toEqual({
      catalogEntityRef: ENTITY_REF_MESSAGE,
      metadata: 'Must be a JSON object, like {"team": "payments"}',
    });
    expect(
      validateReleaseFields({
        ...empty,
        name: '2026.11',
        releaseDate: '2026-11-24',
        catalogEntityRef: 'component:default/payments-api',
      }),
    ).toEqual({});
  });
});

describe('ReleaseWizard', () => {
  it('stops on invalid details, then creates the release and its templates', async () => {
    const createRelease = jest.fn().mockResolvedValue(release({ id: 12 }));
    const createTemplate = jest.fn().mockResolvedValue(template());
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, { createRelease, createTemplate }]]}
      >
        <ReleaseWizard />
      </TestApiProvider>,
      { mountedRoutes: { '/releases': rootRouteRef } },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('A name is required')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^Name/), '2026.12');
    await userEvent.type(screen.getByLabelText('Release date'), 'tomorrow');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Use YYYY-MM-DD')).toBeInTheDocument();
    expect(screen.queryByText('A name is required')).not.toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('Release date'));
    await userEvent.type(screen.getByLabelText('Release date'), '2026-12-15');
    await userEvent.type(
      screen.getByLabelText('Ships (catalog entity)'),
      'payments-api',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText(ENTITY_REF_MESSAGE)).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Ships (catalog entity)'));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    // template steps
    await userEvent.click(
      screen.getByRole('button', { name: 'Add template step' }),
    );
    await userEvent.type(screen.getByLabelText(/^Name/), 'Roll out 2.7.0');
    await userEvent.type(screen.getByLabelText(/^Content/), 'helm upgrade');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Roll out 2.7.0')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(screen.getByText(/1 deploy and 0 verify steps/)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Create release' }),
    );
    await waitFor(() =>
      expect(createTemplate).toHaveBeenCalledWith(12, {
        name: 'Roll out 2.7.0',
        category: 'deploy',
        type: 'bash',
        content: 'helm upgrade',
        description: null,
      }),
    );
    expect(createRelease).toHaveBeenCalledWith({
      name: '2026.12',
      type: 'release',
      versionNumber: null,
      releaseDate: '2026-12-15',
      description: null,
      catalogEntityRef: null,
      metadata: {},
    });
  }, 60_000);
});
