import { strict as assert } from 'assert';
import { buildSync } from 'esbuild';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import * as ts from 'typescript';
import type { CompletionList } from 'vscode-languageserver-types';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, startServer } from '../helpers/lspClient';
import { docx } from '../helpers/docx';
import { CORPUS_LOADED_NOTIFICATION, SEARCH_CORPUS_REQUEST } from '../../server/src/protocol';

/**
 * Safety (issue #8): Fangan never touches the network, and nothing from a workspace is executed —
 * templates, unit registries and corpora are read as data (JSON, text, Word XML).
 *
 * 1. The built server and CLI run a whole session with every network and process API stubbed to
 *    fail loudly (test/helpers/noNetwork.cjs); nothing may have tried them.
 * 2. The bundles require network modules only where the LSP library keeps its unused socket
 *    transport; our own source uses no network, process, eval or dynamic-code API at all.
 */

const ROOT = join(__dirname, '..', '..');
const PRELOAD = join(ROOT, 'test', 'helpers', 'noNetwork.cjs');
const CLI = join(ROOT, 'bin', 'fangan');


/** A workspace with everything Fangan reads: templates, a unit registry, corpus folders (txt, md, docx). */
async function workspace(): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'fangan-safety-'));
  mkdirSync(join(ws, '.fangan', 'templates'), { recursive: true });
  mkdirSync(join(ws, 'plans', 'word'), { recursive: true });
  // data that looks like code must stay data
  writeFileSync(join(ws, '.fangan', 'templates', 'office.json'), JSON.stringify({ id: 'office', name: 'require("child_process").exec("touch pwned")', sections: [{ title: '总体要求', opening: ['${process.exit(1)}'] }] }));
  writeFileSync(join(ws, '.fangan', 'units.json'), '{ "units": ["县融媒体中心", { "name": "县商工局", "aliases": ["__proto__", "constructor"] }] }');
  writeFileSync(join(ws, 'plans', 'a.txt'), seedText(SEEDS.dazu));
  writeFileSync(join(ws, 'plans', 'b.md'), `# 清河县法治社会建设实施方案\n\n一、主要任务\n\n（一）维护宪法权威\n\n1.开展宪法知识进祠堂活动。<script>fetch("http://example.invalid")</script>\n\n牵头单位：县委宣传部\n`);
  writeFileSync(join(ws, 'plans', 'word', 'c.docx'), await docx(['长乐县法治社会建设实施方案', '一、主要任务', '（一）维护宪法权威', '1.开展长乐宪法知识进祠堂活动。', '牵头单位：县委宣传部']));
  return ws;
}

const forbidden = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('FANGAN-FORBIDDEN'));

describe('safety: no network, nothing executed', function () {
  this.timeout(60000);
  let ws: string;

  before(async () => {
    ws = await workspace();
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('the stubs catch an attempt (the preload works)', () => {
    const run = spawnSync(process.execPath, ['--require', PRELOAD, '-e', 'try { require("dns").lookup("example.invalid", () => {}) } catch {} try { require("child_process").execSync("true") } catch {}'], { encoding: 'utf8' });
    assert.deepEqual(forbidden(run.stderr), ['FANGAN-FORBIDDEN dns.lookup', 'FANGAN-FORBIDDEN child_process.execSync']);
  });

  it('the built server serves a whole session without trying the network or another program', async () => {
    const loads: unknown[] = [];
    const server = await startServer({
      nodeArgs: ['--require', PRELOAD],
      workspaceFolders: [ws],
      settings: { corpus: { folders: ['plans'] }, template: 'office' },
      initializationOptions: { trusted: true },
      onNotification: { [CORPUS_LOADED_NOTIFICATION]: (p) => loads.push(p) },
    });
    try {
      for (let i = 0; i < 200 && loads.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal((loads[0] as { files: number }).files, 5 + 3, 'the seeds and the three plans');
      const uri = fileUri(join(ws, 'draft.txt'));
      const text = seedText(SEEDS.xiji);
      const published = server.nextDiagnostics(uri);
      server.open(uri, text);
      const { diagnostics } = await published;
      assert.ok(diagnostics.length > 0);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line += 25) {
        const position = { line, character: Math.min(6, lines[line].length) };
        await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
        (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionList;
        await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: diagnostics.filter((d) => d.range.start.line === line) } });
      }
      await server.connection.sendRequest(SEARCH_CORPUS_REQUEST, { query: '开展宪法知识进祠堂活动', uri });
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(ws, '.fangan', 'units.json')), type: 2 }, { uri: fileUri(join(ws, 'plans', 'a.txt')), type: 2 }] });
      await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    } finally {
      await server.stop();
    }
    const stderr = server.stderr.join('');
    assert.ok(stderr.includes('FANGAN-NO-NETWORK-PRELOADED'), 'the preload ran');
    assert.deepEqual(forbidden(stderr), []);
    assert.ok(!readdirSync(ws).includes('pwned'));
  });

  it('the built CLI checks, outlines, searches and exports without trying the network or another program', () => {
    const env = { ...process.env, NODE_OPTIONS: `--require ${PRELOAD}` };
    for (const args of [
      ['check', '--format', 'json', join(ws, 'plans', 'a.txt'), join(ws, 'plans', 'b.md')],
      ['outline', '--format', 'json', join(ws, 'plans', 'a.txt')],
      ['search', '宪法知识进祠堂', '--corpus', join(ws, 'plans'), '--format', 'json'],
      ['export', '--format', 'docx', join(ws, 'plans', 'a.txt'), '-o', join(ws, 'a.docx')],
      ['export', '--table', '--format', 'xlsx', join(ws, 'plans', 'a.txt'), '-o', join(ws, 'a.xlsx')],
    ]) {
      const run = spawnSync(CLI, args, { cwd: ws, env, encoding: 'utf8' });
      assert.ok(run.stderr.includes('FANGAN-NO-NETWORK-PRELOADED'), `${args[0]}: the preload ran`);
      assert.deepEqual(forbidden(run.stderr), [], args[0]);
      assert.ok(run.status === 0 || run.status === 1, `${args[0]} exited ${run.status}: ${run.stderr}`);
    }
  });

  it('the bundles require network and process modules only in the LSP libraries’ unused transports', () => {
    const RISKY = /require\("(node:)?(net|http|https|http2|tls|dgram|dns|child_process|worker_threads|vm|cluster|inspector)"\)/g;
    // where esbuild put them (non-minified bundles name each module in a comment) → why they are harmless
    const ALLOWED: Record<string, string> = {
      'node_modules/vscode-jsonrpc/lib/node/main.js': 'socket and pipe transports (the server runs on stdio or IPC)',
      'node_modules/vscode-languageserver/lib/node/files.js': 'resolving global npm modules, never called',
      'node_modules/vscode-languageclient/lib/node/main.js': 'starting the server process (the client only)',
      'node_modules/vscode-languageclient/lib/node/processes.js': 'terminating the server process (the client only)',
    };
    const found: string[] = [];
    // Bundled here, not read from out/: `npm run package` leaves minified bundles without module names.
    const dir = mkdtempSync(join(tmpdir(), 'fangan-bundles-'));
    const entries = { 'server/out/server.js': 'server/src/server.ts', 'server/out/cli.js': 'server/src/cli/main.ts', 'client/out/extension.js': 'client/src/extension.ts' };
    for (const [bundle, entry] of Object.entries(entries)) {
      const outfile = join(dir, bundle.replace(/\//g, '_'));
      buildSync({ entryPoints: [join(ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'silent', absWorkingDir: ROOT });
      let module = '(bundle start)';
      for (const line of readFileSync(outfile, 'utf8').split('\n')) {
        // a worktree whose node_modules is a link names them by the real path (`../../main/node_modules/…`)
        const header = /^\/\/ (?:\S*?\/)?((?:node_modules|server|client)\/\S+)$/.exec(line);
        if (header) module = header[1];
        for (const m of line.matchAll(RISKY)) if (!ALLOWED[module] || (bundle !== 'client/out/extension.js' && module.includes('languageclient'))) found.push(`${bundle}: ${module}: ${m[0]}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('our own source uses no network, process, eval or dynamic-code API, and loads no module by a computed name', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const MODULES = /^(node:)?(net|http|https|http2|tls|dgram|dns|child_process|worker_threads|vm|cluster|inspector)$/;
    const problems: string[] = [];
    for (const file of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'client', 'src'))]) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const where = (node: ts.Node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && MODULES.test(node.moduleSpecifier.text)) problems.push(`${where(node)} imports ${node.moduleSpecifier.text}`);
        if (ts.isCallExpression(node)) {
          const callee = node.expression.getText();
          if (callee === 'eval' || callee === 'Function' || callee === 'require' || node.expression.kind === ts.SyntaxKind.ImportKeyword) {
            const arg = node.arguments[0];
            if (callee === 'eval' || callee === 'Function' || !arg || !ts.isStringLiteral(arg) || MODULES.test(arg.text)) problems.push(`${where(node)} calls ${callee}(${arg?.getText() ?? ''})`);
          }
        }
        if (ts.isNewExpression(node) && node.expression.getText() === 'Function') problems.push(`${where(node)} new Function`);
        if (ts.isIdentifier(node) && node.text === 'fetch' && ts.isCallExpression(node.parent) && node.parent.expression === node) problems.push(`${where(node)} fetch`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual(problems, []);
  });
});
