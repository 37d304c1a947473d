import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { tmpdir } from 'os';
import { join } from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createFsHost } from '../../server/src/node/fsHost';
import { DocxRefused, docxText, zipDirectoryProblem } from '../../server/src/service/corpus/docx';
import { CorpusStore, type CorpusProblem } from '../../server/src/service/corpus/store';
import type { WorkspaceHost } from '../../server/src/service/workspace/host';
import { createLanguageService } from '../../server/src/service/languageService';
import { MAX_DOCX_UNCOMPRESSED_BYTES } from '../../server/src/service/limits';
import { seedText, SEEDS } from '../helpers/fixture';
import { memoryHost } from '../helpers/memoryHost';
import { deflatedRun, makeZip } from '../helpers/zip';
import { docx } from '../helpers/docx';

/**
 * Hostile or broken files (issue #8): each gives one clear message, memory stays bounded, and
 * everything else keeps working.
 */

const ROOT = join(__dirname, '..', '..');
const PLAN = (place: string) =>
  `${place}法治社会建设实施方案\n一、主要任务\n（一）维护宪法权威\n1.开展${place}宪法知识进祠堂活动，弘扬宪法精神。\n牵头单位：县委宣传部\n`;


/** Sets the declared uncompressed size of every entry in a zip's central directory (an honest bomb says so). */
function declareSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 <= out.length; i++) if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size, i + 24);
  return out;
}

function collectingStore(host: WorkspaceHost, options: ConstructorParameters<typeof CorpusStore>[1] = {}) {
  const problems: CorpusProblem[] = [];
  const store = new CorpusStore(host, { ...options, onProblem: (p) => problems.push(p) });
  return { store, problems };
}

const names = (problems: readonly CorpusProblem[]) => problems.map((p) => p.path.split('/').pop() ?? '').sort();

describe('hostile or broken files', function () {
  this.timeout(30000);

  describe('a .docx zip bomb', () => {
    it('is refused by its central directory, before anything is inflated', async () => {
      const honest = declareSizes(await docx(['某县法治社会建设实施方案']), 0x7fffffff);
      const problem = zipDirectoryProblem(honest);
      assert.ok(problem && /解压后超过 64 MB/.test(problem.zh) && /zip bomb/.test(problem.en), JSON.stringify(problem));
      // inflating would have read a tiny, valid document: the refusal comes from the directory alone
      await assert.rejects(docxText(honest), (error: unknown) => error instanceof DocxRefused && /解压后超过/.test(error.reason.zh));
    });

    it('whose sizes lie is stopped at the cap while inflating, chunk by chunk', async () => {
      const flood = await deflatedRun(MAX_DOCX_UNCOMPRESSED_BYTES / 1024 / 1024 + 36); // 100 MB of spaces
      const valid = await JSZip.loadAsync(await docx(['x']));
      const parts = await Promise.all(
        Object.values(valid.files).map(async (f) => ({ name: f.name, data: await f.async('uint8array') })),
      );
      const lying = makeZip([
        ...parts.filter((p) => p.name !== 'word/document.xml').map((p) => ({ name: p.name, data: p.data, method: 0 as const, declaredSize: p.data.length })),
        { name: 'word/document.xml', data: flood, method: 8, declaredSize: 1000 },
      ]);
      assert.equal(zipDirectoryProblem(lying), null, 'the directory declares small sizes');
      const before = process.memoryUsage();
      await assert.rejects(docxText(lying), (error: unknown) => error instanceof DocxRefused && /解压后超过 64 MB/.test(error.reason.zh));
      const after = process.memoryUsage();
      // 100 MB were inflated and thrown away chunk by chunk; nothing that size was kept
      assert.ok(after.arrayBuffers - before.arrayBuffers < 48 * 1024 * 1024, `array buffers grew by ${after.arrayBuffers - before.arrayBuffers}`);
    });

    it('with too many entries, ZIP64 markers, or no zip at all: one clear reason each', async () => {
      const many = makeZip(Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}.xml`, data: new Uint8Array(0), method: 0 as const, declaredSize: 0 })));
      assert.match(zipDirectoryProblem(many)!.zh, /2001 个条目/);
      const zip64 = declareSizes(await docx(['x']), 0xffffffff);
      assert.match(zipDirectoryProblem(zip64)!.en, /ZIP64/);
      assert.match(zipDirectoryProblem(new TextEncoder().encode('PK not really a zip'))!.zh, /不是有效的 Word/);
      assert.match(zipDirectoryProblem(new Uint8Array(0))!.zh, /不是有效的 Word/);
    });

    it('in a corpus folder is named once, and the folder’s other plans are indexed', async () => {
      const files = new Map<string, string | Uint8Array>([
        ['/ws/plans/bomb.docx', declareSizes(await docx(['甲县法治社会建设实施方案']), 0x7fffffff)],
        ['/ws/plans/good.docx', await docx(PLAN('长乐县').trim().split('\n'))],
        ['/ws/plans/plan.txt', PLAN('清河县')],
      ]);
      const { store, problems } = collectingStore(memoryHost(['/ws'], files));
      await store.load(['plans']);
      await store.load(['plans', 'plans/']); // reloading says nothing new
      assert.deepEqual(names(problems), ['bomb.docx']);
      assert.match(problems[0].message.zh, /素材库文件 \/ws\/plans\/bomb.docx 解压后超过 64 MB（可能是压缩炸弹），已跳过/);
      assert.ok(store.search('祠堂宪法知识').some((h) => h.clause.measure.plan.path.endsWith('good.docx')));
      assert.ok(store.search('祠堂宪法知识').some((h) => h.clause.measure.plan.path.endsWith('plan.txt')));
    });
  });

  describe('corpus folders', () => {
    it('files and folders that cannot be read are named once each; the readable ones are indexed', async () => {
      const files = new Map<string, string | Uint8Array>([
        ['/ws/plans/ok.txt', PLAN('清河县')],
        ['/ws/plans/locked.txt', PLAN('锁县')],
        ['/ws/plans/sub/locked-dir/x.txt', PLAN('甲县')],
        ['/ws/plans/vanishing.md', PLAN('乙县')],
      ]);
      const base = memoryHost(['/ws'], files);
      const host: WorkspaceHost = {
        ...base,
        readFile: async (path) => {
          if (path.endsWith('locked.txt')) throw new Error(`EACCES: permission denied, open '${path}'`);
          if (path.endsWith('vanishing.md')) throw new Error(`ENOENT: no such file, open '${path}'`);
          return base.readFile(path);
        },
        readDirectory: async (path) => {
          if (path.endsWith('locked-dir')) throw new Error(`EACCES: permission denied, scandir '${path}'`);
          return base.readDirectory(path);
        },
      };
      const { store, problems } = collectingStore(host);
      await store.load(['/ws/plans']);
      await store.load(['/ws/plans/']);
      assert.deepEqual(names(problems), ['locked-dir', 'locked.txt', 'vanishing.md']);
      assert.ok(problems.every((p) => p.message.zh.includes(p.path) && /EACCES|ENOENT/.test(p.message.en)));
      assert.ok(store.search('开展清河县宪法知识进祠堂活动').length > 0);
    });

    it('binary files under every extension are named once as not text (or not Word), the plans are indexed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fangan-hostile-'));
      try {
        const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
        writeFileSync(join(dir, 'image.txt'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(noise)]));
        writeFileSync(join(dir, 'noise.md'), noise);
        writeFileSync(join(dir, 'noise.docx'), noise);
        writeFileSync(join(dir, 'empty.txt'), '');
        writeFileSync(join(dir, 'plan.txt'), PLAN('清河县'));
        const { store, problems } = collectingStore(createFsHost(ROOT, [dir]));
        await store.load([dir]);
        assert.deepEqual(names(problems), ['empty.txt', 'image.txt', 'noise.docx', 'noise.md']);
        assert.match(problems.find((p) => p.path.endsWith('image.txt'))!.message.zh, /不是可识别的文本（二进制文件）/);
        assert.match(problems.find((p) => p.path.endsWith('noise.docx'))!.message.zh, /不是有效的 Word/);
        assert.ok(store.search('开展清河县宪法知识进祠堂活动').length > 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a folder of 100 000 files: at most the cap is read, said once, and nothing else is kept', async () => {
      const reads: string[] = [];
      let listings = 0;
      const host: WorkspaceHost = {
        workspaceFolders: ['/ws'],
        extensionRoot: '',
        readDirectory: async (path) => {
          listings++;
          return path === '/ws/huge' ? Array.from({ length: 100_000 }, (_, i) => [`p${String(i).padStart(6, '0')}.txt`, 'file'] as [string, 'file']) : [];
        },
        stat: async (path) => (path === '/ws/huge' ? { type: 'directory', size: 0, mtimeMs: 0 } : path.endsWith('.txt') ? { type: 'file', size: 200, mtimeMs: 0 } : undefined),
        readFile: async (path) => {
          reads.push(path);
          return new TextEncoder().encode(PLAN('清河县'));
        },
        realPath: async (path) => path,
      };
      const { store, problems } = collectingStore(host, { maxFiles: 300 });
      await store.load(['/ws/huge']);
      assert.equal(reads.length, 300, 'files read');
      assert.equal(listings, 1, 'the folder is listed once');
      assert.equal(store.index.documents.length, 300);
      assert.deepEqual(problems.map((p) => p.message.zh), ['素材库文件夹中的文件超过 300 个，只索引前 300 个']);
    });

    it('more text than the corpus cap: the files beyond it are left out, said once, and their memory is not taken', async () => {
      const files = new Map<string, string | Uint8Array>();
      for (let i = 0; i < 8; i++) files.set(`/ws/plans/p${i}.txt`, PLAN(`第${i}县`) + '加强宪法宣传。'.repeat(200));
      const { store, problems } = collectingStore(memoryHost(['/ws'], files), { maxTotalChars: 5000 });
      await store.load(['/ws/plans']);
      assert.equal(store.index.documents.length, 3, 'three files of ~1.5 K characters fit in 5 K');
      assert.deepEqual(problems.map((p) => p.message.en), ['the corpus folders hold more than 0 M characters of text; the other files are not indexed']);
      // dropping the folder frees its share: loading it again indexes the same three
      await store.load([]);
      assert.equal(store.index.documents.length, 0);
      await store.load(['/ws/plans']);
      assert.equal(store.index.documents.length, 3);
    });

    it('symbolic-link loops, links to a parent and dangling links: every folder is walked once', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fangan-links-'));
      try {
        mkdirSync(join(dir, 'a', 'b'), { recursive: true });
        writeFileSync(join(dir, 'a', 'b', 'plan.txt'), PLAN('清河县'));
        symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'up')); // a loop through the parent
        symlinkSync(join(dir, 'a', 'b', 'loop1'), join(dir, 'a', 'loop2'));
        symlinkSync(join(dir, 'a', 'loop2'), join(dir, 'a', 'b', 'loop1')); // two links pointing at each other
        symlinkSync(join(dir, 'nowhere'), join(dir, 'a', 'dangling.txt'));
        symlinkSync(join(dir, 'a', 'b', 'plan.txt'), join(dir, 'a', 'same.txt')); // the same file twice
        const { store, problems } = collectingStore(createFsHost(ROOT, [dir]));
        await store.load([dir, join(dir, 'a')]);
        assert.deepEqual(problems, []);
        const indexed = store.index.documents.filter((d) => d.path.startsWith(dir)).map((d) => d.path.slice(dir.length));
        assert.deepEqual(indexed.sort(), ['/a/b/plan.txt', '/a/same.txt']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('workspace data (.fangan/)', () => {
    it('broken templates and registries all at once: each file named, the built-ins apply, checking goes on', async () => {
      const files = new Map<string, string | Uint8Array>([
        ['/ws/.fangan/templates/not-json.json', '{ "id": "x", '],
        ['/ws/.fangan/templates/wrong-types.json', JSON.stringify({ id: 42, name: [], sections: 'none' })],
        ['/ws/.fangan/templates/binary.json', Uint8Array.from([0, 159, 146, 150, 0, 1, 2])],
        ['/ws/.fangan/templates/huge.json', `{"id":"huge","name":"${'长'.repeat(1024 * 1024)}","sections":[]}`],
        ['/ws/.fangan/templates/good.json', JSON.stringify({ id: 'office', name: '本办模板', sections: [{ title: '总体要求' }] })],
        ['/ws/.fangan/units.json', `{"units": ["${'县'.repeat(2 * 1024 * 1024)}"]}`],
      ]);
      const service = createLanguageService({ language: 'zh-cn', host: memoryHost(['/ws'], files) });
      const problems = await service.reloadWorkspaceData();
      assert.deepEqual(
        [...new Set(problems.map((p) => p.file.split('/').pop()))].sort(),
        ['binary.json', 'huge.json', 'not-json.json', 'units.json', 'wrong-types.json'],
      );
      assert.ok(problems.find((p) => p.file.endsWith('units.json'))!.message.zh.includes('文件过大'));
      assert.deepEqual(service.workspaceData.templates.map((t) => t.id), ['office']);
      // the checks run as with no workspace data at all
      const plain = createLanguageService({ language: 'zh-cn' });
      const text = seedText(SEEDS.xiji);
      const settings = service.readSettings(undefined).settings;
      const doc = (v: number) => TextDocument.create('file:///ws/draft.txt', 'fangan', v, text);
      // (the rule-page links differ: only the first service knows where the extension is installed)
      const withoutLinks = (ds: Diagnostic[]) => ds.map(({ codeDescription: _link, ...d }) => d);
      assert.deepEqual(withoutLinks(service.computeDiagnostics(doc(1), settings)), withoutLinks(plain.computeDiagnostics(doc(2), settings)));
    });
  });
});
