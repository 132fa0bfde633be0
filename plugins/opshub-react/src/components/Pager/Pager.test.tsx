import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { Pager, usePaging } from './Pager';

const Harness = () => {
  const paging = usePaging(10);
  return (
    <>
      <span data-testid="window">{`${paging.limit}@${paging.offset}`}</span>
      <Pager paging={paging} count={35} />
    </>
  );
};

describe('Pager', () => {
  it('turns pages into limit and offset', async () => {
    await renderInTestApp(<Harness />);
    expect(screen.getByTestId('window')).toHaveTextContent('10@0');
    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(screen.getByTestId('window')).toHaveTextContent('10@10');
    expect(screen.getByText('11-20 of 35')).toBeInTheDocument();
  });
});
