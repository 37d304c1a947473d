import { strict as assert } from 'assert';
import { walkFiles } from '../../server/src/service/workspace/walk';
import { memoryHost } from '../helpers/memoryHost';

/** The one folder walker, shared by the workspace check and the corpus folders. */
describe('walking folders (workspace/walk.ts)', () => {
  const files = new Map<string, string>([
    ['/ws/b.txt', ''],
    ['/ws/a.txt', ''],
    ['/ws/notes.json', ''],
    ['/ws/sub/c.txt', ''],
    ['/ws/node_modules/x.txt', ''],
    ['/ws/.git/y.txt', ''],
    ['/ws/.fangan/z.txt', ''],
    ['/ws/zz/d.txt', ''],
  ]);
  const txt = (name: string) => name.endsWith('.txt');

  it('goes depth first, a folder\'s files before its subfolders, in name order, never into node_modules or dot folders', async () => {
    const { files: found, truncated } = await walkFiles(memoryHost(['/ws'], files), ['/ws'], { accept: txt, maxFiles: 100 });
    assert.deepEqual(found, ['/ws/a.txt', '/ws/b.txt', '/ws/sub/c.txt', '/ws/zz/d.txt']);
    assert.equal(truncated, false);
  });

  it('stops at maxFiles and says so', async () => {
    const { files: found, truncated } = await walkFiles(memoryHost(['/ws'], files), ['/ws'], { accept: txt, maxFiles: 2 });
    assert.deepEqual(found, ['/ws/a.txt', '/ws/b.txt']);
    assert.equal(truncated, true);
  });

  it('visits a real folder once, however it is reached', async () => {
    const host = { ...memoryHost(['/ws'], files), realPath: async (p: string) => (p === '/ws/zz' ? '/ws/sub' : p) };
    const { files: found } = await walkFiles(host, ['/ws', '/ws/sub'], { accept: txt, maxFiles: 100 });
    assert.deepEqual(found, ['/ws/a.txt', '/ws/b.txt', '/ws/sub/c.txt']);
  });

  it('asks before entering a folder or listing a file, reports folders it cannot list, and stops when told', async () => {
    const asked: string[] = [];
    const { files: found } = await walkFiles(memoryHost(['/ws'], files), ['/ws'], {
      accept: txt,
      maxFiles: 100,
      allowed: async (real, _path, kind) => {
        asked.push(`${kind} ${real}`);
        return real !== '/ws/sub' && real !== '/ws/b.txt';
      },
    });
    assert.deepEqual(found, ['/ws/a.txt', '/ws/zz/d.txt']);
    assert.ok(asked.includes('folder /ws/sub') && asked.includes('file /ws/b.txt'));
    const errors: string[] = [];
    const broken = { ...memoryHost(['/ws'], files), readDirectory: async () => Promise.reject(new Error('EACCES')) };
    assert.deepEqual((await walkFiles(broken, ['/ws'], { accept: txt, maxFiles: 9, onFolderError: (f) => errors.push(f) })).files, []);
    assert.deepEqual(errors, ['/ws']);
    assert.deepEqual((await walkFiles(memoryHost(['/ws'], files), ['/ws'], { accept: txt, maxFiles: 9, stop: () => true })).files, []);
  });
});
