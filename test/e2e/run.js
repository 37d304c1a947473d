#!/usr/bin/env node
// `npm run test:e2e`: Fangan in a real VS Code (code-server 4.96.4 = VS Code 1.96.4), here.
//   0. Word out: the example plan and its 任务分工表 exported and converted to PDF by LibreOffice
//      (test/e2e/wordExport.js; skipped with a message where LibreOffice cannot be installed);
//   1. installs its tools when missing (test/e2e/setup.js: Debian chromium/ripgrep/fonts, code-server);
//   2. runs the extension's mocha suite (test/vscode) inside the extension host, Chinese display language;
//   3. packages the .vsix and runs a drafter's session through the UI (test/e2e/session.js),
//      saving screenshots to artifacts/e2e/.
// Exits non-zero when any stage fails; every process it started is stopped.
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');
const { ensureSetup } = require('./setup.js');
const { runExtensionTests } = require('./runExtensionTests.js');
const { runWordExport } = require('./wordExport.js');

const root = path.join(__dirname, '..', '..');

function stage(name) {
  process.stdout.write(`\n== e2e: ${name}\n`);
}

async function main() {
  const started = Date.now();
  stage('Word out: plan and 任务分工表 through LibreOffice');
  if (!(await runWordExport()).ok) return 1;

  stage('tools');
  await ensureSetup();

  stage('mocha suite in the VS Code extension host (zh-cn)');
  const suite = await runExtensionTests({
    extensionPath: root,
    testsPath: path.join(root, 'test', 'vscode', 'out', 'index.js'),
    workspace: path.join(root, 'test', 'vscode', 'workspace'),
    locale: 'zh-cn',
    timeoutMs: 180000,
  });
  if (suite.exitCode !== 0) {
    console.error(`e2e: the extension-host suite failed (${suite.reason})`);
    return 1;
  }

  const sessionScript = path.join(__dirname, 'session.js');
  if (require('fs').existsSync(sessionScript)) {
    stage('package the .vsix');
    const pack = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' });
    if (pack.status !== 0) return 1;
    stage("a drafter's session through the UI (zh-cn)");
    const { runSession } = require(sessionScript);
    const ok = await runSession({ vsix: path.join(root, 'fangan.vsix'), artifacts: path.join(root, 'artifacts', 'e2e') });
    if (!ok) return 1;
  }
  console.log(`\ne2e: all stages passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`e2e: ${(error && error.stack) || error}`);
    process.exit(1);
  },
);
