/* eslint-disable no-console */
import { runCli } from './run';

runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
}).then(
  code => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('opshub-inspector: unexpected error\n');
    process.exitCode = 2;
  },
);
