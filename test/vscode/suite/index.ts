// extensionTestsPath: the extension host loads the bundled out/index.js and calls run().
import Mocha from 'mocha';
// suiteRunner records the outcome in a results file the e2e runner checks (see test/e2e/README.md)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runMocha } = require('../../e2e/suiteRunner.js') as {
  runMocha(mocha: typeof Mocha, options: { testsRoot: string }): Promise<void>;
};

export function run(): Promise<void> {
  return runMocha(Mocha, { testsRoot: __dirname });
}
