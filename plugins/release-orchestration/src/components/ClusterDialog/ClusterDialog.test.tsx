import { renderInTestApp } from '@backstage/test-utils';
import { ENTITY_REF_MESSAGE } from '@opshub/opshub-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cluster } from '../../testing/data';
import { ClusterDialog } from './ClusterDialog';

describe('ClusterDialog', () => {
  it('checks the entity ref, the kubeconfig path and the metadata before saving', async () => {
    const onSave = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <ClusterDialog
        cluster={cluster({
          kubeconfigPath: '/etc/opshub/eu.yaml',
          metadata: { team: 'platform' },
        })}
        onClose={jest.fn()}
        onSave={onSave}
      />,
    );
    const save = screen.getByRole('button', { name: 'Save' });
    expect(screen.getByLabelText('Kubeconfig path')).toHaveValue(
      '/etc/opshub/eu.yaml',
    );
    expect(screen.getByLabelText('Metadata (JSON object)')).toHaveValue(
      '{\n  "team": "platform"\n}',
    );
    expect(save).toBeEnabled();

    const ref = screen.getByLabelText('Catalog entity');
    await userEvent.clear(ref);
    await userEvent.type(ref, 'cluster-eu-west');
    expect(screen.getByText(ENTITY_REF_MESSAGE)).toBeInTheDocument();
    expect(save).toBeDisabled();
    await userEvent.clear(ref);
    await userEvent.type(ref, 'resource:cluster-eu-west');
    expect(screen.queryByText(ENTITY_REF_MESSAGE)).not.toBeInTheDocument();

    const path = screen.getByLabelText('Kubeconfig path');
    await userEvent.clear(path);
    await userEvent.type(path, '/etc/opshub/../../root/.kube/config');
    expect(
      screen.getByText("must not contain '..' segments"),
    ).toBeInTheDocument();
    expect(save).toBeDisabled();
    await userEvent.clear(path);
    await userEvent.type(path, '/etc/opshub/eu-west-1.yaml');

    const metadata = screen.getByLabelText('Metadata (JSON object)');
    fireEvent.change(metadata, { target: { value: '["platform"]' } });
    expect(screen.getByText(/Must be a JSON object/)).toBeInTheDocument();
    expect(save).toBeDisabled();
    fireEvent.change(metadata, {
      target: { value: '{"team": "platform", "tier": 1}' },
    });
    expect(save).toBeEnabled();

    await userEvent.click(save);
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        name: 'eu-west-1',
        displayName: 'EU West 1',
        region: 'eu-west-1',
        description: null,
        catalogEntityRef: 'resource:cluster-eu-west',
        kubeconfigPath: '/etc/opshub/eu-west-1.yaml',
        metadata: { team: 'platform', tier: 1 },
      }),
    );
  });
});
