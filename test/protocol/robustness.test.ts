import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { CompletionList, Diagnostic, DocumentSymbol } from 'vscode-languageserver-types';
import { MAX_PUBLISHED_DIAGNOSTICS } from '../../server/src/service/limits';
import { syntheticPlan } from '../bench/synthetic';
import { SEEDS, seedText } from '../helpers/fixture';
import { startServer, type PublishDiagnosticsParams, type TestServer } from '../helpers/lspClient';
import { CORPUS_LOADED_NOTIFICATION, SEARCH_CORPUS_REQUEST, WORKSPACE_TRUST_NOTIFICATION } from '../../server/src/protocol';

/**
 * Protocol abuse through the real server over stdio (issue #8): unknown documents, positions past
 * the end, cancelled requests, floods of changes, invalid parameters and broken messages. The
 * server answers what it can, drops stale results, says what it degrades once, and never dies.
 */

const PLAN = seedText(SEEDS.xiji);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The diagnostics notifications for a uri from now on, in order (a live view). */
function recordDiagnostics(server: TestServer, uri: string): PublishDiagnosticsParams[] {
  const from = server.published.length;
  return new Proxy([] as PublishDiagnosticsParams[], {
    get: (_target, key) => {
      const now = server.published.slice(from).filter((p) => p.uri === uri);
      const value = (now as unknown as Record<PropertyKey, unknown>)[key];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(now) : value;
    },
  });
}

async function until(what: string, ok: () => boolean, ms = 15000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function alive(server: TestServer): Promise<void> {
  assert.equal(server.process.exitCode, null, `the server exited: ${server.stderr.join('')}`);
  const uri = 'file:///probe/alive.txt';
  server.open(uri, '某县法治社会建设实施方案\n一、总体要求\n二、主要任务\n');
  const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((s) => s.name), ['一、总体要求', '二、主要任务']);
}

describe('language server under protocol abuse (built server over stdio)', function () {
  this.timeout(60000);
  let server: TestServer;

  before(async () => {
    server = await startServer({ settings: { leadUnits: { check: 'always' } } });
  });
  after(async () => server?.stop());

  it('answers requests for documents it was never given with empty results', async () => {
    const textDocument = { uri: 'file:///never/opened.txt' };
    const at = { line: 0, character: 0 };
    assert.equal(await server.connection.sendRequest('textDocument/hover', { textDocument, position: at }), null);
    assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await server.connection.sendRequest('textDocument/foldingRange', { textDocument }), []);
    assert.deepEqual(await server.connection.sendRequest('textDocument/codeAction', { textDocument, range: { start: at, end: at }, context: { diagnostics: [] } }), []);
    assert.deepEqual(((await server.connection.sendRequest('textDocument/completion', { textDocument, position: at })) as CompletionList).items, []);
    // changes and closes of unknown documents are ignored
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: textDocument.uri, version: 9 }, contentChanges: [{ text: 'x' }] });
    await server.connection.sendNotification('textDocument/didClose', { textDocument });
    await alive(server);
  });

  it('clamps positions past the end of a line or of the document', async () => {
    const uri = 'file:///abuse/positions.txt';
    const published = server.nextDiagnostics(uri);
    server.open(uri, PLAN);
    await published;
    for (const position of [
      { line: 100_000, character: 0 },
      { line: 3, character: 100_000 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    ]) {
      await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      const list = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionList;
      for (const item of list.items) {
        const edit = item.textEdit as { range: { end: { line: number; character: number } } } | undefined;
        if (edit) assert.ok(edit.range.end.line < PLAN.split('\n').length && edit.range.end.character <= 100_000 - 1);
      }
      await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
    }
    await alive(server);
  });

  it('survives invalid parameters, unknown methods and broken messages', async () => {
    const invalid: unknown[] = [null, {}, { textDocument: null }, { textDocument: { uri: 42 } }, { textDocument: { uri: 'file:///x' }, position: 'here' }, { textDocument: { uri: 'file:///x' }, position: { line: -5, character: NaN } }, [1, 2, 3]];
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeAction', SEARCH_CORPUS_REQUEST]) {
      for (const params of invalid) {
        // an answer or a JSON-RPC error, never a dead server
        await server.connection.sendRequest(method, params).catch(() => undefined);
      }
    }
    await assert.rejects(server.connection.sendRequest('fangan/noSuchRequest', {}));
    for (const params of invalid) {
      await server.connection.sendNotification('textDocument/didOpen', params);
      await server.connection.sendNotification('textDocument/didChange', params);
      await server.connection.sendNotification('workspace/didChangeConfiguration', params);
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', params);
      await server.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params);
    }
    // a message that is not JSON at all, and one with a lying length header
    server.process.stdin.write('Content-Length: 12\r\n\r\n{not json!!}');
    server.process.stdin.write('Content-Length: 2\r\n\r\n{}');
    await alive(server);
  });

  it('answers or cancels cancelled requests, and keeps serving', async () => {
    const uri = 'file:///abuse/cancel.txt';
    server.open(uri, syntheticPlan(400_000));
    const methods = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/hover', 'textDocument/completion'];
    // what each method may answer: symbols and folding ranges are lists, hover is a hover or null,
    // completion a list or null
    const wellFormed: Record<string, (a: unknown) => boolean> = {
      'textDocument/documentSymbol': (a) => Array.isArray(a),
      'textDocument/foldingRange': (a) => Array.isArray(a),
      'textDocument/hover': (a) => a === null || (typeof a === 'object' && a !== null && 'contents' in a),
      'textDocument/completion': (a) => a === null || Array.isArray(a) || (typeof a === 'object' && a !== null && Array.isArray((a as { items?: unknown }).items)),
    };
    const requests: Array<Promise<{ method: string; cancelled: boolean; answer: unknown }>> = [];
    for (let i = 0; i < 40; i++) {
      const source = new CancellationTokenSource();
      const method = methods[i % 4];
      const params = method.endsWith('Symbol') || method.endsWith('Range') ? { textDocument: { uri } } : { textDocument: { uri }, position: { line: 5 + i, character: 4 } };
      const cancelled = i % 2 === 0;
      requests.push(
        server.connection.sendRequest(method, params, source.token).then(
          (answer) => ({ method, cancelled, answer }),
          (error: { code?: number }) => ({ method, cancelled, answer: { rejected: error.code } }),
        ),
      );
      if (cancelled) source.cancel();
    }
    for (const { method, cancelled, answer } of await Promise.all(requests)) {
      const rejected = (answer as { rejected?: number } | null)?.rejected;
      if (rejected !== undefined) {
        // only a cancelled request may be refused, and only as RequestCancelled (-32800)
        assert.ok(cancelled, `${method} was not cancelled but refused with ${rejected}`);
        assert.equal(rejected, -32800, method);
      } else {
        assert.ok(wellFormed[method](answer), `${method}: unexpected answer ${JSON.stringify(answer)?.slice(0, 80)}`);
      }
      // a request nobody cancelled is answered in full: the outline of the plan is there
      if (!cancelled && method === 'textDocument/documentSymbol') assert.ok((answer as unknown[]).length > 0, 'symbols of the plan');
    }
    await alive(server);
  });

  it('a flood of changes: stays responsive and publishes diagnostics for the last version only', async () => {
    const uri = 'file:///abuse/flood.txt';
    const seen = recordDiagnostics(server, uri);
    const first = server.nextDiagnostics(uri);
    server.open(uri, PLAN);
    await first;
    const before = seen.length;
    let version = 1;
    // 400 keystrokes as fast as the pipe takes them: type a line, then delete it again
    const typed = '3.加强宪法学习。';
    for (let i = 0; i < 400; i++) {
      const k = i % (2 * typed.length);
      const change =
        k < typed.length
          ? { range: { start: { line: 0, character: k }, end: { line: 0, character: k } }, text: typed[k] }
          : { range: { start: { line: 0, character: 2 * typed.length - k - 1 }, end: { line: 0, character: 2 * typed.length - k } }, text: '' };
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    }
    // responsive in the middle of it: a request is answered with the text as it stands
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.ok(symbols.length > 0);
    await until('diagnostics of the last version', () => seen.some((p) => p.version === version));
    await sleep(400); // nothing older may follow
    const after = seen.slice(before);
    assert.deepEqual([...new Set(after.map((p) => p.version))], [version], 'only the last version is published');
    assert.equal(after.length, 1);
  });

  it('a document with more findings than the cap: publishes the first ones and says so once', async () => {
    const uri = 'file:///abuse/many-findings.txt';
    const seen = recordDiagnostics(server, uri);
    const text = ['某县法治社会建设实施方案', '一、主要任务', ...Array.from({ length: 3000 }, (_, i) => `（一）重复的第${i}项`)].join('\n');
    const shownBefore = server.messages.length;
    server.open(uri, text);
    await until('diagnostics', () => seen.length > 0);
    assert.equal(seen[0].diagnostics.length, MAX_PUBLISHED_DIAGNOSTICS);
    const lines = seen[0].diagnostics.map((d: Diagnostic) => d.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'in document order');
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }] });
    await until('diagnostics again', () => seen.length > 1);
    const said = server.messages.slice(shownBefore).filter((m) => m.includes(`只显示前 ${MAX_PUBLISHED_DIAGNOSTICS} 处`));
    assert.equal(said.length, 1, server.messages.slice(shownBefore).join('\n'));
  });

  it('a large document: structure only, said once; a too large one: left alone, said once', async () => {
    const large = 'file:///abuse/large.txt';
    const seen = recordDiagnostics(server, large);
    const shownBefore = server.messages.length;
    // 2.5 MB, with a measure lacking its lead unit and a skipped number at the end
    const text = `${syntheticPlan(2.5 * 1024 * 1024)}\n九十九、最后一部分\n（一）最后的工作\n1.没有牵头单位的措施。\n3.跳号的措施。`;
    server.open(large, text);
    await until('diagnostics of the large document', () => seen.length > 0);
    const codes = new Set(seen[0].diagnostics.map((d) => String(d.code)));
    assert.ok(codes.has('numbering-gap'), [...codes].join(' '));
    assert.ok(![...codes].some((c) => c.startsWith('lead-unit-') || c.startsWith('section')), [...codes].join(' '));
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: large } })) as DocumentSymbol[];
    assert.ok(symbols.length > 0, 'the outline is kept');
    assert.equal(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: large }, position: { line: 10, character: 3 } }), null);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: large, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }] });
    await until('diagnostics again', () => seen.length > 1);
    const tooLarge = 'file:///abuse/too-large.txt';
    const seenTooLarge = recordDiagnostics(server, tooLarge);
    server.open(tooLarge, `某县法治社会建设实施方案\n一、总体要求\n${'x'.repeat(11 * 1024 * 1024)}`);
    await until('the too large document is answered', () => seenTooLarge.length > 0);
    assert.deepEqual(seenTooLarge[0].diagnostics, []);
    assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: tooLarge } }), []);
    const said = server.messages.slice(shownBefore);
    assert.equal(said.filter((m) => m.includes('此文件较大')).length, 1, said.join('\n'));
    assert.equal(said.filter((m) => m.includes('此文件过大')).length, 1, said.join('\n'));
    await alive(server);
  });
});

describe('language server with a slow editor', function () {
  this.timeout(30000);

  it('drops the result of a check whose text changed while it waited for the settings', async () => {
    const server = await startServer({ configurationDelayMs: 600 });
    try {
      const uri = 'file:///abuse/slow-settings.txt';
      server.open(uri, PLAN);
      await sleep(300); // the check of version 1 has started and waits for the settings
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '1.新的一行\n' }],
      });
      await until('diagnostics of version 2', () => server.published.some((p) => p.uri === uri && p.version === 2));
      await sleep(300);
      assert.deepEqual(server.published.filter((p) => p.uri === uri).map((p) => p.version), [2]);
    } finally {
      await server.stop();
    }
  });
});

describe('language server in an untrusted workspace', function () {
  this.timeout(30000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fangan-trust-'));
    mkdirSync(join(dir, 'ws', 'plans'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    const plan = (place: string) => `${place}法治社会建设实施方案\n一、主要任务\n（一）维护宪法权威\n1.开展${place}宪法知识进祠堂活动，弘扬宪法精神。\n牵头单位：县委宣传部\n`;
    writeFileSync(join(dir, 'ws', 'plans', 'inside.txt'), plan('清河县'));
    writeFileSync(join(dir, 'elsewhere', 'outside.txt'), plan('长乐县'));
    // a link inside the workspace that leads out of it
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'ws', 'plans', 'escape'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads no corpus folder outside the workspace until trust is granted, and says so once', async () => {
    const loads: Array<{ files: number }> = [];
    const server = await startServer({
      workspaceFolders: [join(dir, 'ws')],
      settings: { corpus: { folders: ['plans', join(dir, 'elsewhere'), '../elsewhere'] } },
      initializationOptions: { trusted: false },
      onNotification: { [CORPUS_LOADED_NOTIFICATION]: (p) => loads.push(p as { files: number }) },
    });
    try {
      await until('the corpus', () => loads.length > 0);
      assert.equal(loads[0].files, 5 + 1, 'the seeds and the folder inside the workspace');
      const said = server.messages.filter((m) => m.includes('工作区未受信任'));
      assert.equal(said.length, 3, server.messages.join('\n')); // the absolute and the relative way out and the link, each once
      await server.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
      await until('the corpus again', () => loads.length > 1);
      assert.equal(loads[1].files, 5 + 2, 'trusted: the folder outside too');
    } finally {
      await server.stop();
    }
  });
});
