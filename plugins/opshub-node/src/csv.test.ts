import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header, CRLF line ends and empty cells for null', () => {
    expect(
      toCsv(
        ['id', 'name', 'note'],
        [
          [1, 'a', null],
          [2, 'b', undefined],
        ],
      ),
    ).toBe('id,name,note\r\n1,a,\r\n2,b,\r\n');
  });

  it('quotes quotes, commas and line breaks', () => {
    expect(toCsv(['x'], [['say "hi"'], ['a,b'], ['line\nbreak']])).toBe(
      'x\r\n"say ""hi"""\r\n"a,b"\r\n"line\nbreak"\r\n',
    );
  });

  it('keeps spreadsheets from running text as a formula, not numbers', () => {
    expect(
      toCsv(['x'], [['=SUM(A1)'], ['+1'], ['-1'], ['@cmd'], [-1], [true]]),
    ).toBe("x\r\n'=SUM(A1)\r\n'+1\r\n'-1\r\n'@cmd\r\n-1\r\ntrue\r\n");
  });
});
