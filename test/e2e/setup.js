#!/usr/bin/env node
// Idempotent installer for the end-to-end test tools.
//
// A real VS Code for tests: code-server (VS Code web workbench + the real Node extension host),
// driven by Debian's Chromium through playwright-core. Nothing here downloads a binary: the npm
// registry and Debian's packages are the only sources.
//
//   node test/e2e/setup.js            install (or verify) the tools, print the time of each step
//   node test/e2e/setup.js --force    wipe the tool folder and install again
//
// Environment:
//   FANGAN_E2E_CACHE   tool folder root (default ${XDG_CACHE_HOME:-~/.cache}/fangan-e2e); must be
//                      outside any git work tree
//   FANGAN_E2E_CHROMIUM  path of the Chromium binary (default: chromium from Debian)
//
// Also usable as a module: `require('./setup.js').ensureSetup()` returns the paths (see toolPaths()).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const CODE_SERVER_VERSION = '4.96.4'; // = VS Code 1.96.4, runs on Node 20
const PLAYWRIGHT_CORE_VERSION = '1.65.1';
const APT_PACKAGES = ['chromium', 'ripgrep', 'fonts-noto-cjk'];
const MARKER = '.fangan-e2e-ready.json';

// The shrinkwrap of code-server's bundled VS Code points @vscode/proxy-agent at a git URL that
// cannot be fetched here; the very same version is on the npm registry.
const PROXY_AGENT_GIT =
  'git+ssh://git@github.com/microsoft/vscode-proxy-agent.git#0803e0a7d1249bcb64ae9d256d0ee732b7246ea5';
/** The tarball of that version, as the configured npm registry gives it (no registry address written here). */
function proxyAgentTarball() {
  const r = spawnSync('npm', ['view', '@vscode/proxy-agent@0.27.0', 'dist.tarball'], { encoding: 'utf8' });
  const url = (r.stdout || '').trim();
  if (r.status !== 0 || !/^https?:\/\//.test(url)) throw new SetupError(`npm view @vscode/proxy-agent@0.27.0 dist.tarball failed: ${(r.stderr || '').trim()}`);
  return url;
}

class SetupError extends Error {}

function cacheRoot() {
  if (process.env.FANGAN_E2E_CACHE) return path.resolve(process.env.FANGAN_E2E_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'fangan-e2e');
}

/** Paths of the installed tools (they exist only once setup has succeeded). */
function toolPaths() {
  const cacheDir = cacheRoot();
  const toolDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}-pw-${PLAYWRIGHT_CORE_VERSION}`);
  const codeServerDir = path.join(toolDir, 'node_modules', 'code-server');
  return {
    cacheDir,
    toolDir,
    marker: path.join(toolDir, MARKER),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    vscodeDir: path.join(codeServerDir, 'lib', 'vscode'),
    playwrightCore: path.join(toolDir, 'node_modules', 'playwright-core'),
    chromium: process.env.FANGAN_E2E_CHROMIUM || '/usr/bin/chromium',
    codeServerVersion: CODE_SERVER_VERSION,
  };
}

function log(msg) {
  process.stdout.write(`[e2e-setup] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    stdio: opts.quiet ? 'pipe' : 'inherit',
    cwd: opts.cwd,
    env: { ...process.env, ...(opts.env || {}) },
    encoding: 'utf8',
  });
  if (r.error) throw new SetupError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0 && !opts.allowFail) {
    const out = opts.quiet ? `\n${(r.stdout || '').slice(-2000)}${(r.stderr || '').slice(-2000)}` : '';
    throw new SetupError(`${cmd} ${args.join(' ')} exited ${r.status} (in ${opts.cwd || process.cwd()})${out}`);
  }
  return r;
}

// Native modules (argon2, spdlog, native-watchdog) build against Node's own headers: node-gyp
// must not try to download them. Debian's nodejs has them in /usr/include/node.
function npmEnv() {
  if (process.env.npm_config_nodedir || !fs.existsSync('/usr/include/node/common.gypi')) return {};
  return { npm_config_nodedir: '/usr' };
}

function npm(args, cwd, quiet) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, quiet, env: npmEnv() });
}

async function step(name, fn, timings) {
  const t0 = Date.now();
  log(`${name} ...`);
  const result = await fn();
  const secs = (Date.now() - t0) / 1000;
  timings.push([name, secs]);
  log(`${name}: done in ${secs.toFixed(1)} s`);
  return result;
}

function findGitTree(dir) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !/install ok installed/.test(r.stdout);
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  const hint = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new SetupError(`missing Debian packages: ${missing.join(', ')}; not root, so cannot install them.\n` +
      `  Run as root:  ${hint}`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env, allowFail: true });
  const r = run('apt-get', ['install', '-y', '-qq', ...missing], { env, allowFail: true });
  const still = missingAptPackages();
  if (r.status !== 0 || still.length) {
    throw new SetupError(`apt-get could not install: ${still.join(', ') || missing.join(', ')} (exit ${r.status}).\n` +
      `  Try by hand:  ${hint}`);
  }
}

function readMarker(p) {
  try {
    return JSON.parse(fs.readFileSync(p.marker, 'utf8'));
  } catch {
    return null;
  }
}

function isReady(p = toolPaths()) {
  const m = readMarker(p);
  return !!(m && m.codeServer === CODE_SERVER_VERSION && m.playwrightCore === PLAYWRIGHT_CORE_VERSION &&
    fs.existsSync(p.codeServerEntry) && fs.existsSync(p.playwrightCore));
}

// One setup at a time per cache folder (two test runs starting together must not both install).
function acquireLock(cacheDir) {
  const lock = path.join(cacheDir, '.setup-lock');
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = NaN;
      try { holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = false;
      if (holder > 0) { try { process.kill(holder, 0); alive = true; } catch { alive = false; } }
      if (holder > 0 && !alive) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new SetupError(`setup lock ${lock} held by pid ${holder} for too long`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // poll the lock
    }
  }
}

function patchShrinkwrap(vscodeDir) {
  const f = path.join(vscodeDir, 'npm-shrinkwrap.json');
  const text = fs.readFileSync(f, 'utf8');
  if (text.includes(PROXY_AGENT_GIT)) {
    fs.writeFileSync(f, text.split(PROXY_AGENT_GIT).join(proxyAgentTarball()));
    log('patched npm-shrinkwrap.json: @vscode/proxy-agent -> npm registry tarball');
  } else if (/git\+ssh:|github\.com\/.*\.git#/.test(text)) {
    throw new SetupError(`${f} has a git dependency this script does not know how to replace`);
  } else {
    log('npm-shrinkwrap.json has no git dependency (already patched)');
  }
}

async function install(p, timings) {
  fs.rmSync(p.toolDir, { recursive: true, force: true });
  fs.mkdirSync(p.toolDir, { recursive: true });
  fs.writeFileSync(path.join(p.toolDir, 'package.json'), JSON.stringify({
    name: 'fangan-e2e-tools', private: true, description: 'generated by test/e2e/setup.js',
  }, null, 2) + '\n');

  await step(`npm install code-server@${CODE_SERVER_VERSION} playwright-core@${PLAYWRIGHT_CORE_VERSION}`, () =>
    npm(['install', '--ignore-scripts', '--save-exact',
      `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_CORE_VERSION}`], p.toolDir), timings);

  // code-server loads argon2 (a native module) at start even with --auth none.
  await step('npm rebuild argon2', () => npm(['rebuild', 'argon2'], p.toolDir), timings);

  await step('patch lib/vscode/npm-shrinkwrap.json', () => patchShrinkwrap(p.vscodeDir), timings);

  await step('npm install --omit=dev --ignore-scripts (lib/vscode)', () =>
    npm(['install', '--omit=dev', '--ignore-scripts'], p.vscodeDir), timings);

  // spdlog gives the server its log files; native-watchdog is loaded by every extension host (a
  // long stack trace in the test output without it). node-pty (terminals) is not needed by the
  // tests; kerberos is never needed.
  await step('npm rebuild @vscode/spdlog native-watchdog (lib/vscode)', () =>
    npm(['rebuild', '@vscode/spdlog', 'native-watchdog'], p.vscodeDir), timings);

  await step('copy ripgrep into @vscode/ripgrep', () => {
    const rg = ['/usr/bin/rg', '/bin/rg'].find((f) => fs.existsSync(f));
    if (!rg) throw new SetupError('ripgrep (rg) not found after installing the Debian package');
    const binDir = path.join(p.vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    fs.copyFileSync(rg, path.join(binDir, 'rg'));
    fs.chmodSync(path.join(binDir, 'rg'), 0o755);
  }, timings);

  await step('symlink node_modules.asar -> node_modules', () => {
    const link = path.join(p.vscodeDir, 'node_modules.asar');
    fs.rmSync(link, { force: true, recursive: true });
    fs.symlinkSync('node_modules', link);
  }, timings);

  await step('smoke check: code-server --version', () => {
    // --config in a temp folder: otherwise code-server writes ~/.config/code-server/config.yaml
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fangan-e2e-smoke-'));
    try {
      const r = run(process.execPath,
        [p.codeServerEntry, '--config', path.join(tmp, 'config.yaml'), '--version'], { quiet: true });
      const line = (r.stdout || '').split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION));
      if (!line) throw new SetupError(`unexpected code-server --version output: ${r.stdout}${r.stderr}`);
      log(`code-server --version: ${line}`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    require(p.playwrightCore); // loads without a browser download
  }, timings);

  fs.writeFileSync(p.marker, JSON.stringify({
    codeServer: CODE_SERVER_VERSION,
    playwrightCore: PLAYWRIGHT_CORE_VERSION,
    node: process.version,
    installedAt: new Date().toISOString(),
  }, null, 2) + '\n');
}

/**
 * Make sure the tools are installed; returns toolPaths(). Fast (a few dpkg queries) when the
 * tool folder's marker is present.
 */
async function ensureSetup({ force = false, quiet = false } = {}) {
  const p = toolPaths();
  const timings = [];
  const t0 = Date.now();
  const say = quiet ? () => {} : log;

  const gitTree = findGitTree(p.cacheDir);
  if (gitTree) {
    throw new SetupError(`cache folder ${p.cacheDir} is inside the git work tree ${gitTree}; ` +
      'set FANGAN_E2E_CACHE to a folder outside any repository');
  }

  if (quiet && !force && isReady(p) && missingAptPackages().length === 0) return p;

  await step('Debian packages (chromium, ripgrep, fonts-noto-cjk)', () => ensureAptPackages(), timings);
  if (!fs.existsSync(p.chromium)) throw new SetupError(`Chromium not found at ${p.chromium}`);

  fs.mkdirSync(p.cacheDir, { recursive: true });
  const release = acquireLock(p.cacheDir);
  try {
    if (!force && isReady(p)) {
      say(`tools already installed in ${p.toolDir} (marker ${MARKER} present); reusing`);
    } else {
      say(`installing tools into ${p.toolDir}`);
      await install(p, timings);
    }
  } finally {
    release();
  }
  if (!quiet) {
    log('timings:');
    for (const [name, secs] of timings) log(`  ${secs.toFixed(1).padStart(6)} s  ${name}`);
    log(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  total`);
  }
  return p;
}

module.exports = { ensureSetup, toolPaths, isReady, SetupError, CODE_SERVER_VERSION, PLAYWRIGHT_CORE_VERSION };

if (require.main === module) {
  const force = process.argv.includes('--force');
  ensureSetup({ force }).then(
    (p) => log(`ready: ${p.toolDir}`),
    (e) => {
      process.stderr.write(`[e2e-setup] FAILED: ${e instanceof SetupError ? e.message : e.stack}\n`);
      process.exit(1);
    },
  );
}
