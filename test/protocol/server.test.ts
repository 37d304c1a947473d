import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { join } from 'path';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { SEEDS, seedText } from '../helpers/fixture';
import { fileUri, SERVER, startServer, type TestServer } from '../helpers/lspClient';
import { SEARCH_CORPUS_REQUEST } from '../../server/src/protocol';

const seedPath = (name: string) => join(__dirname, '..', '..', 'corpus', 'seeds', name);

describe('language server over stdio (built server/out/server.js)', function () {
  this.timeout(30000);
  let server: TestServer;

  before(async () => {
    assert.ok(existsSync(SERVER), 'build the server first: npm run build');
    server = await startServer();
  });
  after(async () => server?.stop());

  it('publishes diagnostics for an opened plan', async () => {
    const uri = fileUri(seedPath(SEEDS.xiji));
    const published = server.nextDiagnostics(uri);
    server.open(uri, seedText(SEEDS.xiji));
    const params = await published;
    assert.equal(params.uri, uri);
    assert.ok(Array.isArray(params.diagnostics));
  });

  it('answers fangan/searchCorpus from the bundled corpus, adapted to the open draft', async () => {
    const uri = 'file:///tmp/qinghe.txt';
    server.open(uri, '清河县法治社会建设实施方案\n一、主要任务\n');
    let items: Array<{ text: string; adapted: string; planName: string }> = [];
    for (let i = 0; i < 50 && items.length === 0; i++) {
      items = ((await server.connection.sendRequest(SEARCH_CORPUS_REQUEST, { query: '持续开展全省学生学宪法讲宪法活动', limit: 5, uri })) as { items: typeof items }).items;
      if (items.length === 0) await new Promise((r) => setTimeout(r, 100)); // the corpus loads after start
    }
    const guizhou = items.find((i) => i.planName === '贵州省方案')!;
    assert.ok(guizhou.text.includes('全省') && guizhou.adapted.includes('全县'));
  });

  it('answers documentSymbol with the heading → measure hierarchy', async () => {
    const uri = fileUri(seedPath(SEEDS.guizhou));
    server.open(uri, seedText(SEEDS.guizhou));
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['一、总体要求', '二、主要任务和具体落实措施', '三、加强组织保障']);
    const topic = symbols[1].children![0].children![1];
    assert.equal(topic.name, '2 维护宪法权威');
    assert.equal(topic.children![0].name.startsWith('(4)'), true);
    assert.equal(topic.children![0].detail, '牵头：省委依法治省办、省人大常委会办公厅、省委宣传部、省司法厅');
  });

  it('gives a file with three plans one root symbol per plan', async () => {
    const uri = fileUri(seedPath(SEEDS.suizhou));
    server.open(uri, seedText(SEEDS.suizhou));
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 3);
    assert.equal(symbols[1].name, '随州市法治政府建设实施方案(2021—2025年)');
  });

  it('answers foldingRange for headings and the portal wrapper', async () => {
    const uri = fileUri(seedPath(SEEDS.xiji));
    server.open(uri, seedText(SEEDS.xiji));
    const ranges = (await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.ok(ranges.some((r) => r.startLine === 29 && r.endLine === 33), 'folds 一、总体要求');
    assert.ok(ranges.some((r) => r.kind === 'comment' && r.startLine === 0), 'folds the wrapper before the title');
  });

  it('ignores a .txt file that does not look like a plan', async () => {
    const uri = 'file:///tmp/notes.txt';
    const published = server.nextDiagnostics(uri);
    server.open(uri, 'shopping list\nmilk\neggs\n');
    assert.deepEqual((await published).diagnostics, []);
    const symbols = await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols, []);
  });

  it('answers requests for unknown documents with empty results', async () => {
    const symbols = await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere.txt' } });
    assert.deepEqual(symbols, []);
  });
});
