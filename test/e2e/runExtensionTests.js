#!/usr/bin/env node
// Runs an extension's mocha suite inside the real VS Code extension host (code-server 4.96.4),
// the way @vscode/test-electron would where VS Code can be downloaded.
//
//   node test/e2e/runExtensionTests.js --extension <dir> --tests <abs path of suite index.js> \
//        --workspace <dir> [--locale zh-cn] [--timeout 300] [--grep <regexp>] [--verbose]
//
// The workbench page gets extensionDevelopmentPath + extensionTestsPath from its `payload` URL
// parameter; the suite's console output (mocha's reporter) arrives through codeAutomationLog and
// is printed live; codeAutomationExit ends the run. Because the workbench reports 0 even when the
// extension host dies, the suite must also write $FANGAN_E2E_RESULTS (test/e2e/suiteRunner.js
// does) and this runner fails unless that file says every test ran and passed.
//
// Exit codes: 0 all passed, 1 tests failed or the run broke, 2 bad arguments, 124 timeout,
// 130 interrupted.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { startCodeServer, stopAllSync } = require('./codeServer.js');
const { ensureSetup } = require('./setup.js');
const { launchBrowser } = require('./ui.js');

/** Temp folders of runs in progress (removed by the exit handler if a run is cut short). */
const tmpDirs = new Set();

// console.* arguments arrive as an array, printf-style (mocha's reporter logs '%s%s', ...).
function formatLogArgs(args) {
  return Array.isArray(args) ? util.format(...args) : String(args);
}

// Workbench chatter that reaches codeAutomationLog on every run; hidden unless --verbose.
const NOISE = [
  /^Resolving connection token /, /^Resolved connection token /, /^Creating a socket \(/,
  /^Ignoring fetching additional builtin extensions from gallery/, /^\[Service Worker\] registered$/,
];

/**
 * @param {object} o
 * @param {string} o.extensionPath   extension folder (its package.json)
 * @param {string} o.testsPath       absolute path of the suite's index.js (exports run())
 * @param {string} o.workspace       folder opened in the window
 * @param {'en'|'zh-cn'} [o.locale]
 * @param {number} [o.timeoutMs=300000]  overall limit for server start + run
 * @param {object} [o.env]           extra environment for the extension host
 * @param {(line: string) => void} [o.out]  where the suite's output goes (default stdout)
 * @param {boolean} [o.verbose]      also print the server's output
 * @param {AbortSignal} [o.signal]   aborting stops the run (rejects with code 'ABORT') after cleanup
 * @returns {Promise<{ exitCode: number, workbenchCode: number|null, results: object|null, reason: string }>}
 */
async function runExtensionTests(o) {
  const out = o.out || ((line) => process.stdout.write(`${line}\n`));
  const timeoutMs = o.timeoutMs || 300000;
  const extensionPath = path.resolve(o.extensionPath);
  const testsPath = path.resolve(o.testsPath);
  const workspace = path.resolve(o.workspace);
  for (const [what, p] of [['extension', path.join(extensionPath, 'package.json')], ['tests', testsPath], ['workspace', workspace]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p}`);
  }

  const tools = await ensureSetup({ quiet: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fangan-e2e-run-'));
  tmpDirs.add(tmp);
  const resultsFile = path.join(tmp, 'results.json');
  let server = null;
  let browser = null;
  let timer = null;
  let stopping = false;
  let resolveExit = () => {};
  const exited = new Promise((r) => { resolveExit = r; });
  let run = Promise.resolve();
  const t0 = Date.now();

  // Stop whatever the run has started, including what it is still starting.
  const cleanup = async () => {
    stopping = true;
    clearTimeout(timer);
    resolveExit(null);
    if (o.signal) o.signal.removeEventListener('abort', onAbort);
    await Promise.race([run.catch(() => {}), new Promise((r) => setTimeout(r, 15000).unref())]);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    tmpDirs.delete(tmp);
  };
  let rejectAbort;
  const aborted = new Promise((_, reject) => { rejectAbort = reject; });
  aborted.catch(() => {});
  function onAbort() {
    rejectAbort(Object.assign(new Error('interrupted'), { code: 'ABORT' }));
  }
  if (o.signal) {
    if (o.signal.aborted) onAbort();
    o.signal.addEventListener('abort', onAbort);
  }

  try {
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(
        `TIMEOUT: the extension tests did not finish within ${Math.round(timeoutMs / 1000)} s ` +
        '(raise it with --timeout SECONDS; the output above shows how far the suite got)'), { code: 'TIMEOUT' })),
      timeoutMs);
    });

    run = (async () => {
      server = await startCodeServer({
        workspace,
        locale: o.locale || 'en',
        env: { ...(o.env || {}), FANGAN_E2E_RESULTS: resultsFile },
        onOutput: o.verbose ? (l) => out(`[code-server] ${l}`) : undefined,
      });
      if (stopping) return null;
      out(`[e2e] code-server ${tools.codeServerVersion} on ${server.url} (started in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

      browser = await launchBrowser(tools);
      if (stopping) return null;
      const page = await browser.newPage();
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = formatLogArgs(args);
        if (!o.verbose && NOISE.some((re) => re.test(text))) return;
        for (const line of text.replace(/\n$/, '').split('\n')) out(type === 'error' ? `[stderr] ${line}` : line);
      });
      await page.exposeFunction('codeAutomationExit', (code) => { resolveExit(code); });
      page.on('crash', () => resolveExit(Symbol.for('page-crash')));
      if (o.verbose) page.on('console', (m) => out(`[page ${m.type()}] ${m.text()}`));

      const url = server.workbenchUrl({
        folder: workspace,
        payload: [
          ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
          ['extensionTestsPath', server.remoteUri(testsPath)],
        ],
      });
      if (stopping) return null;
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return exited;
    })();

    const workbenchCode = await Promise.race([run, timedOut, aborted]);
    let results = null;
    try { results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { results = null; }

    let exitCode = 0;
    let reason;
    if (workbenchCode === Symbol.for('page-crash')) {
      exitCode = 1; reason = 'the workbench page crashed';
    } else if (workbenchCode !== 0) {
      exitCode = 1; reason = `the workbench reported exit code ${workbenchCode}`;
    } else if (!results) {
      exitCode = 1; reason = 'no results file: the suite never ran, or the extension host died before it started (is suiteRunner.js used?)';
    } else if (results.status !== 'done') {
      exitCode = 1; reason = `results file says "${results.status}": the extension host died during the run`;
    } else if (results.failed > 0) {
      exitCode = 1; reason = `${results.failed} test(s) failed`;
    } else if (results.total === 0) {
      exitCode = 1; reason = 'no test ran';
    } else {
      reason = `${results.passed} passed`;
    }
    // The server's log helps when the run broke, not when a test simply failed.
    if (exitCode !== 0 && server && !(results && results.status === 'done')) {
      const log = server.readLog().trim();
      if (log) out(`[e2e] last server output:\n${log.split('\n').filter((l) => l.trim()).slice(-30).join('\n')}`);
    }
    if (results) {
      out(`e2e: ${results.passed} passed, ${results.failed} failed` + (results.pending ? `, ${results.pending} skipped` : ''));
    }
    out(`[e2e] ${exitCode === 0 ? 'PASS' : 'FAIL'}: ${reason} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return { exitCode, workbenchCode: typeof workbenchCode === 'number' ? workbenchCode : null, results, reason };
  } finally {
    await cleanup();
  }
}

function parseArgs(argv) {
  const a = { locale: 'en', timeout: 300 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    switch (k) {
      case '--extension': a.extension = next(); break;
      case '--tests': a.tests = next(); break;
      case '--workspace': a.workspace = next(); break;
      case '--locale': a.locale = next(); break;
      case '--timeout': a.timeout = Number(next()); break;
      case '--grep': a.grep = next(); break;
      case '--verbose': a.verbose = true; break;
      case '-h': case '--help': a.help = true; break;
      default: throw new Error(`unknown argument ${k}`);
    }
  }
  return a;
}

const USAGE = 'usage: node runExtensionTests.js --extension <dir> --tests <suite index.js> --workspace <dir> ' +
  '[--locale en|zh-cn] [--timeout seconds] [--grep regexp] [--verbose]';

async function main(signal) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help) { console.log(USAGE); return 0; }
    if (!args.extension || !args.tests || !args.workspace) throw new Error('--extension, --tests and --workspace are required');
    if (!(args.timeout > 0)) throw new Error('--timeout must be a positive number of seconds');
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const { exitCode } = await runExtensionTests({
    extensionPath: args.extension,
    testsPath: args.tests,
    workspace: args.workspace,
    locale: args.locale,
    timeoutMs: args.timeout * 1000,
    env: args.grep ? { FANGAN_E2E_GREP: args.grep } : {},
    verbose: args.verbose,
    signal,
  });
  return exitCode;
}

/** Last resort, synchronous: no code-server or temp folder is left behind, whatever happens. */
function emergencyCleanup() {
  stopAllSync(); // code-server process groups (the browser dies with playwright-core's exit hook)
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
  tmpDirs.clear();
}

/** Signals abort the run (orderly cleanup); a second signal, or 20 s, forces the exit. */
function installCleanupHandlers(controller) {
  process.on('exit', emergencyCleanup);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      const code = sig === 'SIGINT' ? 130 : 143;
      if (controller.signal.aborted) { emergencyCleanup(); process.exit(code); }
      process.stderr.write(`\n[e2e] ${sig}: stopping the browser and code-server\n`);
      controller.abort();
      setTimeout(() => { emergencyCleanup(); process.exit(code); }, 20000).unref();
    });
  }
  const fatal = (e) => {
    process.stderr.write(`[e2e] ERROR (uncaught): ${e && e.stack || e}\n`);
    emergencyCleanup();
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

module.exports = { runExtensionTests };

if (require.main === module) {
  const controller = new AbortController();
  installCleanupHandlers(controller);
  main(controller.signal).then(
    (code) => { process.exitCode = code; },
    (e) => {
      const codes = { TIMEOUT: 124, ABORT: 130 };
      console.error(e.code in codes ? `[e2e] ${e.message}` : `[e2e] ERROR: ${e && e.stack || e}`);
      process.exitCode = codes[e.code] || 1;
    },
  );
}
