// Runs a mocha suite INSIDE the extension host and records the outcome in a results file.
//
// Use from the suite's index.js (the file passed as extensionTestsPath):
//
//   const Mocha = require('mocha');
//   const { runMocha } = require('./suiteRunner.js');   // adjust the path
//   exports.run = () => runMocha(Mocha, { testsRoot: __dirname });
//
// runMocha() rejects when any test fails (that is how the workbench learns the run failed), and
// writes a JSON summary to the file named by $FANGAN_E2E_RESULTS (set by runExtensionTests.js),
// which the runner checks as a backstop: if the extension host dies, the workbench still reports
// exit code 0, but then no results file (or an incomplete one) exists.
'use strict';

const fs = require('fs');
const path = require('path');

/**
 * @param {typeof import('mocha')} Mocha  the project's mocha (passed in so this file needs no
 *   dependency of its own)
 * @param {object} o
 * @param {string} o.testsRoot   folder with the test files
 * @param {RegExp} [o.pattern=/\.test\.js$/]  which files in testsRoot (not recursive) are tests
 * @param {string[]} [o.files]   explicit list of test files (instead of pattern)
 * @param {object} [o.mochaOptions]  merged into the Mocha constructor options
 */
function runMocha(Mocha, o) {
  const resultsFile = process.env.FANGAN_E2E_RESULTS;
  const started = Date.now();
  const summary = { status: 'running', passed: 0, failed: 0, pending: 0, total: 0, failures: [], tests: [] };
  const write = () => {
    if (!resultsFile) return;
    try {
      fs.writeFileSync(resultsFile, JSON.stringify({ ...summary, durationMs: Date.now() - started }, null, 2));
    } catch (e) {
      console.error(`[suiteRunner] could not write ${resultsFile}: ${e.message}`);
    }
  };
  write(); // 'running': a file left in this state means the extension host died mid-run

  const grep = process.env.FANGAN_E2E_GREP;
  const mocha = new Mocha({
    ui: 'bdd', reporter: 'spec', color: false, timeout: 30000,
    ...(grep ? { grep } : {}),
    ...(o.mochaOptions || {}),
  });
  const files = o.files || fs.readdirSync(o.testsRoot)
    .filter((f) => (o.pattern || /\.test\.js$/).test(f))
    .sort()
    .map((f) => path.join(o.testsRoot, f));
  files.forEach((f) => mocha.addFile(f));

  return new Promise((resolve, reject) => {
    let runner;
    try {
      runner = mocha.run((failures) => {
        summary.status = 'done';
        write();
        if (failures > 0 || summary.total === 0) {
          reject(new Error(summary.total === 0 ? 'no test ran' : `${failures} test(s) failed`));
        } else {
          resolve();
        }
      });
    } catch (e) {
      summary.status = 'error';
      summary.failures.push({ title: '(loading the suite)', error: String(e && e.stack || e) });
      write();
      reject(e);
      return;
    }
    runner.on('pass', (t) => {
      summary.passed++; summary.total++;
      summary.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
    });
    runner.on('fail', (t, err) => {
      summary.failed++; summary.total++;
      summary.failures.push({ title: t.fullTitle(), error: String(err && (err.stack || err.message) || err) });
      summary.tests.push({ title: t.fullTitle(), state: 'failed' });
    });
    runner.on('pending', (t) => {
      summary.pending++;
      summary.tests.push({ title: t.fullTitle(), state: 'pending' });
    });
  });
}

module.exports = { runMocha };
