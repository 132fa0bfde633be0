import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CodeBlock } from './CodeBlock';

describe('CodeBlock', () => {
  it('highlights SQL with a copy button', async () => {
    await renderInTestApp(
      <CodeBlock code="ALTER TABLE t ADD COLUMN c int;" type="sql" />,
    );
    const block = screen.getByTestId('code-block-sql');
    expect(block).toHaveTextContent('ALTER TABLE t ADD COLUMN c int;');
    expect(screen.getByRole('button')).toBeInTheDocument();
  });

  it('shows text as prose, without highlighting', async () => {
    await renderInTestApp(<CodeBlock code="Restart the pods" type="text" />);
    expect(screen.getByText('Restart the pods').tagName).toBe('PRE');
    expect(screen.queryByTestId('code-block-text')).toBeNull();
  });
});
