// Start and stop a throw-away code-server (VS Code 1.96.4 server + web workbench) for tests.
//
//   const { startCodeServer } = require('./codeServer.js');
//   const cs = await startCodeServer({ workspace: '/abs/dir', locale: 'zh-cn', vsix: ['x.vsix'] });
//   ... cs.url, cs.workbenchUrl({ folder }) ...
//   await cs.stop();
//
// Every server gets a fresh user-data-dir and extensions-dir in a temp folder, listens on a free
// loopback port, and is started in its own process group so that stop() ends the extension host
// and any language server with it.
'use strict';

const fs = require('fs');
const os = require('os');
const net = require('net');
const http = require('http');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { ensureSetup } = require('./setup.js');

const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

// Minimal language pack: the server resolves the display language from UD/languagepacks.json,
// and regenerates that file from the installed extensions that contribute `localizations`;
// so both are needed for vscode.env.language === 'zh-cn'.
const LANGPACK = { publisher: 'fangan-e2e', name: 'zh-cn-langpack', version: '0.0.1' };

/** Servers started by this process and not yet stopped (for emergency cleanup). */
const live = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 400);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

/** Environment for code-server: no gallery, nothing inherited from an enclosing VS Code. */
function serverEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k)) delete env[k];
  }
  delete env.NODE_OPTIONS;
  return { ...env, EXTENSIONS_GALLERY: '{}', ...extra };
}

function baseArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Install .vsix files with the server stopped (`--install-extension x.vsix --force`). */
function installVsix(tools, dirs, vsixFiles, env) {
  for (const file of vsixFiles) {
    const abs = path.resolve(file);
    if (!fs.existsSync(abs)) throw new Error(`vsix not found: ${abs}`);
    const r = spawnSync(process.execPath,
      [tools.codeServerEntry, ...baseArgs(dirs), '--install-extension', abs, '--force'],
      { env, encoding: 'utf8', timeout: 120000 });
    const out = `${r.stdout || ''}${r.stderr || ''}`;
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`installing ${abs} failed (exit ${r.status}):\n${out}`);
    }
  }
}

/** Write the minimal zh-cn language pack into the extensions dir and UD/languagepacks.json. */
function installZhCnLanguagePack(dirs) {
  const id = `${LANGPACK.publisher}.${LANGPACK.name}`;
  const folderName = `${id}-${LANGPACK.version}`;
  const extDir = path.join(dirs.extensionsDir, folderName);
  const translations = path.join(extDir, 'translations', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(extDir, 'package.json'), JSON.stringify({
    name: LANGPACK.name,
    publisher: LANGPACK.publisher,
    displayName: 'zh-cn language pack for tests (empty translations)',
    version: LANGPACK.version,
    engines: { vscode: '*' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{
        languageId: 'zh-cn',
        languageName: 'Chinese Simplified',
        localizedLanguageName: '中文(简体)',
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  }, null, 2));

  // Register it in the extensions dir's manifest (extensions.json), as an install would.
  const manifest = path.join(dirs.extensionsDir, 'extensions.json');
  let entries = [];
  try { entries = JSON.parse(fs.readFileSync(manifest, 'utf8')); } catch { entries = []; }
  entries = entries.filter((e) => e.identifier.id.toLowerCase() !== id);
  entries.push({
    identifier: { id },
    version: LANGPACK.version,
    location: { $mid: 1, fsPath: extDir, external: `file://${extDir}`, path: extDir, scheme: 'file' },
    relativeLocation: folderName,
    metadata: { installedTimestamp: Date.now(), pinned: true, source: 'vsix' },
  });
  fs.writeFileSync(manifest, JSON.stringify(entries));

  fs.writeFileSync(path.join(dirs.userDataDir, 'languagepacks.json'), JSON.stringify({
    'zh-cn': {
      hash: 'fangan-e2e-0.0.1',
      extensions: [{ extensionIdentifier: { id }, version: LANGPACK.version }],
      translations: { vscode: translations },
      label: '中文(简体)',
    },
  }, null, 2));
}

/**
 * Start a code-server.
 * @param {object} o
 * @param {string} [o.workspace]   folder opened by default (also used for workbenchUrl())
 * @param {'en'|'zh-cn'} [o.locale='en']
 * @param {string[]} [o.vsix=[]]   .vsix files installed before start
 * @param {object} [o.settings]    extra user settings
 * @param {object} [o.env]         extra environment for the server (and so the extension host)
 * @param {(line: string) => void} [o.onOutput]  receives the server's output lines
 * @param {number} [o.startTimeoutMs=60000]
 * @returns {Promise<{url, port, userDataDir, extensionsDir, logFile, workbenchUrl, stop}>}
 */
async function startCodeServer(o = {}) {
  const locale = (o.locale || 'en').toLowerCase();
  if (!['en', 'zh-cn'].includes(locale)) throw new Error(`unsupported locale ${o.locale} (en | zh-cn)`);
  const tools = await ensureSetup({ quiet: true });

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fangan-e2e-cs-'));
  const dirs = {
    root,
    config: path.join(root, 'config.yaml'),
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    logFile: path.join(root, 'server.log'),
  };
  const cleanupDirs = () => fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  let child = null;
  const handle = { stopSync: () => { killGroup(child, 'SIGKILL'); cleanupDirs(); } };
  live.add(handle);

  try {
    fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(dirs.extensionsDir, { recursive: true });
    fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
    fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...BASE_SETTINGS, ...(o.settings || {}) }, null, 2));
    if (locale !== 'en') {
      fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'locale.json'), JSON.stringify({ locale }));
    }

    const env = serverEnv(o.env);
    installVsix(tools, dirs, o.vsix || [], env);
    if (locale === 'zh-cn') installZhCnLanguagePack(dirs);

    const port = await freePort();
    const args = [tools.codeServerEntry, ...baseArgs(dirs),
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened', '--locale', locale];
    if (o.workspace) args.push(path.resolve(o.workspace));

    const logFd = fs.openSync(dirs.logFile, 'a');
    child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let exited = null;
    child.on('exit', (code, signal) => { exited = { code, signal }; });
    let buffered = '';
    const onData = (chunk) => {
      fs.writeSync(logFd, chunk);
      if (!o.onOutput) return;
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) o.onOutput(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => { try { fs.closeSync(logFd); } catch { /* closed */ } });

    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + (o.startTimeoutMs || 60000);
    // Wait for the server to answer (poll its health endpoint), or for it to die.
    for (;;) {
      if (exited) {
        throw new Error(`code-server exited before answering (${JSON.stringify(exited)}); log:\n` +
          fs.readFileSync(dirs.logFile, 'utf8').slice(-4000));
      }
      if (await httpOk(`${url}/healthz`)) break;
      if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within the start timeout`);
      await new Promise((r) => setTimeout(r, 100));
    }

    let stopped = null;
    const stop = () => {
      if (!stopped) {
        stopped = (async () => {
          live.delete(handle);
          if (!exited) {
            killGroup(child, 'SIGTERM');
            const t = Date.now();
            while (!exited && Date.now() - t < 5000) await new Promise((r) => setTimeout(r, 50));
          }
          killGroup(child, 'SIGKILL'); // whatever is left of the group (extension host, language server)
          cleanupDirs();
        })();
      }
      return stopped;
    };

    return {
      url,
      port,
      pid: child.pid,
      root,
      userDataDir: dirs.userDataDir,
      extensionsDir: dirs.extensionsDir,
      logFile: dirs.logFile,
      readLog: () => { try { return fs.readFileSync(dirs.logFile, 'utf8'); } catch { return ''; } },
      /** URL of the workbench page for a folder, with an optional `payload` (array of pairs). */
      workbenchUrl: ({ folder = o.workspace, payload } = {}) => {
        const params = [];
        if (folder) params.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
        if (payload) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
        return `${url}/${params.length ? `?${params.join('&')}` : ''}`;
      },
      /** vscode-remote URI of a path on the server, as the workbench page expects in `payload`. */
      remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`,
      stop,
    };
  } catch (e) {
    live.delete(handle);
    killGroup(child, 'SIGKILL');
    cleanupDirs();
    throw e;
  }
}

function killGroup(child, signal) {
  if (!child || !child.pid) return;
  try { process.kill(-child.pid, signal); } catch { /* group already gone */ }
}

/** Synchronously kill every server this process started (for exit/signal handlers). */
function stopAllSync() {
  for (const h of [...live]) {
    live.delete(h);
    try { h.stopSync(); } catch { /* best effort */ }
  }
}

module.exports = { startCodeServer, stopAllSync, freePort, BASE_SETTINGS };
