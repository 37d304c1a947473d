#!/usr/bin/env node
// `npm run test:vscode`: the extension's mocha suite in a desktop VS Code downloaded by
// @vscode/test-electron — for machines that can reach update.code.visualstudio.com.
// Where the download is impossible it says so and fails; `npm run test:e2e` runs the same suite
// in code-server instead.
'use strict';
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const root = path.join(__dirname, '..', '..');

async function main() {
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'test', 'vscode', 'out', 'index.js'),
      launchArgs: [path.join(root, 'test', 'vscode', 'workspace'), '--disable-extensions', '--locale', 'zh-cn'],
    });
  } catch (error) {
    const text = String((error && error.message) || error);
    if (/download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|fetch|network|socket/i.test(text)) {
      console.error(
        'test:vscode: @vscode/test-electron could not download VS Code on this machine (no access to ' +
          'update.code.visualstudio.com). Nothing was tested. Run `npm run test:e2e`, which runs the same ' +
          `suite in code-server installed from the npm registry.\n  cause: ${text}`,
      );
    } else {
      console.error(`test:vscode: the suite failed: ${text}`);
    }
    process.exit(1);
  }
}

main();
