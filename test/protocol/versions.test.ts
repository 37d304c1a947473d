import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { SERVER, startServer, type TestServer } from '../helpers/lspClient';

/**
 * A version number said twice: a client may send a change, or a second didOpen, under the version
 * the document already has. The answers must follow the text, not the version (the model cache
 * was keyed by address and version only).
 */
const BEFORE = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n1.深入开展宪法宣传教育。\n3.加强青少年法治教育。\n';
const AFTER = '清河县法治社会建设实施方案\n一、推动全社会增强法治观念\n1.深入开展宪法宣传教育。\n2.加强青少年法治教育。\n二、加强权利保护\n';

describe('the same version with other text', function () {
  this.timeout(30000);

  it('the service parses the new text', () => {
    const service = createLanguageService();
    const { settings } = service.readSettings(undefined);
    const first = TextDocument.create('file:///v.txt', 'fangan', 3, BEFORE);
    assert.equal(service.computeDiagnostics(first, settings).filter((d) => d.code === 'numbering-gap').length, 1);
    const second = TextDocument.create('file:///v.txt', 'fangan', 3, AFTER);
    assert.deepEqual(service.computeDiagnostics(second, settings).filter((d) => d.code === 'numbering-gap'), []);
    assert.equal(service.getDocumentSymbols(second).length, 2);
  });

  describe('through the server', () => {
    let server: TestServer;
    before(async () => {
      assert.ok(existsSync(SERVER), 'build first: npm run build');
      server = await startServer();
    });
    after(async () => server?.stop());

    it('a didChange and a second didOpen under the current version are checked as the text they carry', async () => {
      const uri = 'file:///tmp/fangan-versions/plan.txt';
      const gap = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'numbering-gap'));
      server.open(uri, BEFORE);
      await gap;
      const fixed = server.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'numbering-gap'));
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 1 },
        contentChanges: [{ text: AFTER }],
      });
      await fixed;
      const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
      assert.deepEqual(symbols.map((s) => s.name), ['一、推动全社会增强法治观念', '二、加强权利保护']);
      const again = server.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'numbering-gap'));
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: BEFORE } });
      await again;
      const after = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
      assert.deepEqual(after.map((s) => s.name), ['一、推动全社会增强法治观念']);
    });
  });
});
