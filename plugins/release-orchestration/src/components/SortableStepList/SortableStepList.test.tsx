import { render, screen, waitFor } from '@testing-library/react';
import { SortableStepList } from './SortableStepList';
import { keyboardMove, mockListLayout } from '../../__testUtils__/dnd';

const items = [
  { id: 11, name: 'Backup database' },
  { id: 12, name: 'Deploy chart' },
  { id: 13, name: 'Run migrations' },
];

describe('SortableStepList', () => {
  it('moves an item down with the keyboard and reports the new order', async () => {
    const restore = mockListLayout();
    const onReorder = jest.fn();
    try {
      render(
        <SortableStepList
          items={items}
          onReorder={onReorder}
          itemLabel={item => item.name}
          renderItem={item => <span>{item.name}</span>}
        />,
      );
      const handle = screen.getByRole('button', {
        name: 'Reorder Backup database',
      });
      handle.focus();
      await keyboardMove(handle, 'ArrowDown');
      await waitFor(() => expect(onReorder).toHaveBeenCalledWith([12, 11, 13]));
    } finally {
      restore();
    }
  });
});
