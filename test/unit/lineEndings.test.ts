import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { applyEdits } from '../../server/src/service/text/edits';
import { createFsHost } from '../../server/src/node/fsHost';

/**
 * A CRLF draft (Windows offices' machines) gets no bare line feed from any fix (issue 16, item 7):
 * VS Code normalises what it is given, other LSP clients do not. Every quick fix of every finding
 * of the example, the corpus inserts, "ignore this problem here", fix-all and the template switch.
 */
const ROOT = join(__dirname, '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'examples', '清河县法治社会建设实施方案（征求意见稿）.txt'), 'utf8');
const bareLineFeed = (text: string) => /(^|[^\r])\n/.test(text);
const editsOf = (action: CodeAction): TextEdit[] => Object.values(action.edit?.changes ?? {}).flat();

describe('line endings of the edits', function () {
  this.timeout(60000);

  for (const [name, eol] of [['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`every edit into a ${name} document writes ${name}`, async () => {
      const service = createLanguageService({ language: 'zh-cn', host: createFsHost(ROOT, []) });
      await service.corpus.load([]);
      const text = EXAMPLE.replace(/\r?\n/g, eol);
      const document = TextDocument.create('file:///draft.txt', 'plaintext', 1, text);
      const { settings } = service.readSettings(undefined);
      const diagnostics = service.computeDiagnostics(document, settings);
      const actions: CodeAction[] = [];
      for (const d of diagnostics) actions.push(...service.getCodeActions(document, settings, { diagnostics: [d], only: ['quickfix'] }));
      for (let line = 0; line < document.lineCount; line++) {
        const range = { start: { line, character: 1 }, end: { line, character: 1 } };
        actions.push(...service.getCodeActions(document, settings, { diagnostics: [], only: ['refactor'], range }));
      }
      const inserting = actions.filter((a) => editsOf(a).some((e) => /[\r\n]/.test(e.newText)));
      assert.ok(inserting.length >= 15, `${inserting.length} actions that add lines`);
      for (const action of actions) {
        for (const edit of editsOf(action)) assert.ok(!bareLineFeed(edit.newText), `${action.title}: ${JSON.stringify(edit.newText.slice(0, 60))}`);
        const fixed = applyEdits(text, editsOf(action));
        assert.ok(!bareLineFeed(fixed) || eol === '\r', `${action.title} leaves a bare line feed`);
      }
      const switched = service.switchTemplate(document, 5, 'fazhi-zhengfu', settings);
      assert.ok('edits' in switched);
      for (const edit of switched.edits) assert.ok(!bareLineFeed(edit.newText), JSON.stringify(edit.newText));
      for (const edit of service.getFixAll(document, settings)) assert.ok(!bareLineFeed(edit.newText));
    });
  }
});
