import { strict as assert } from 'assert';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_UNIT_SUGGESTIONS } from '../../server/src/service/limits';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { ownedCopy, TextCache } from '../../server/src/service/text/textCache';
import { comparableName } from '../../server/src/service/workspace/units/names';
import { BUILTIN_REGISTRY } from '../../server/src/service/workspace/units/registry';
import { planUnits } from '../../server/src/service/workspace/units/usage';
import { namesPlan, unknownUnits } from '../bench/pathological';

/**
 * Issue 16, items 2 and 4: the caches of unit names keep nothing of a closed document alive and
 * are bounded by what they hold; a "did you mean" is worked out once per name and for a bounded
 * number of names per plan.
 */

describe('unit-name caches (issue 16, item 2)', () => {
  it('a text cache is bounded by the characters it holds, not by its entries', () => {
    const cache = new TextCache<string>(10_000);
    for (let i = 0; i < 5000; i++) cache.set(`第${i}号单位`.padEnd(40, '某'), `值${i}`);
    assert.ok(cache.weight <= 10_000, `holds ${cache.weight}`);
    assert.ok(cache.size > 0 && cache.size < 5000);
    // the last one set is there, with its value
    assert.equal(cache.get('第4999号单位'.padEnd(40, '某')), '值4999');
  });

  it('keys and values are copies with the same text', () => {
    const text = '长乐县人民政府办公室'.repeat(1000);
    const name = text.slice(10, 40);
    assert.equal(ownedCopy(name), name);
    const cache = new TextCache<string>(1_000_000);
    assert.equal(cache.set(name, text.slice(0, 30)), text.slice(0, 30));
    assert.equal(cache.get(name), text.slice(0, 30));
  });

  it('checked and closed documents do not stay in memory: the heap reaches a plateau', function () {
    this.timeout(120_000);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const service = createLanguageService({ language: 'zh-cn' });
    const { settings } = service.readSettings(undefined);
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed / 1024 / 1024;
    };
    const cycle = (i: number) => {
      const uri = `file:///closed/${i}.txt`;
      const diagnostics = service.computeDiagnostics(TextDocument.create(uri, 'fangan', 1, namesPlan(i, 320_000)), settings);
      assert.ok(diagnostics.length > 0);
      service.forget(uri);
    };
    for (let i = 0; i < 10; i++) cycle(i);
    const settled = heap();
    for (let i = 10; i < 50; i++) cycle(i);
    const after = heap();
    // 40 documents of 320 000 characters are ~26 MB of text: kept alive by the caches, they showed
    // here as ~25 MB of growth; released, the heap stays within a few MB
    assert.ok(after - settled < 8, `heap grew from ${settled.toFixed(1)} MB to ${after.toFixed(1)} MB over 40 closed documents`);
  });
});

describe('unknown unit names (issue 16, item 4)', () => {
  it('a name mentioned again gets the same "did you mean"', () => {
    const plan = parsePlanFile(unknownUnits(500, 1)).plans[0];
    const units = planUnits(plan, BUILTIN_REGISTRY);
    const closest = new Set(units.occurrences.filter((o) => o.identity.status === 'unknown').map((o) => o.closest));
    assert.deepEqual([...closest], ['县司法局']);
  });

  it(`only the first ${MAX_UNIT_SUGGESTIONS} distinct unknown names of a plan get a suggestion`, () => {
    // typos of a known name, each different: every one has a closest known name
    const typos = Array.from({ length: MAX_UNIT_SUGGESTIONS + 200 }, (_, i) => `县司法局${String.fromCharCode(0x4e00 + i)}`);
    const text = ['某县法治社会建设实施方案', '一、主要任务', '（一）加强组织领导', ...typos.map((t, i) => `${(i % 50) + 1}.措施。\n牵头单位：${t}`)].join('\n');
    const units = planUnits(parsePlanFile(text).plans[0], BUILTIN_REGISTRY);
    const unknown = units.occurrences.filter((o) => o.identity.status === 'unknown');
    // (counted as compared: a Traditional character and its Simplified one are one name)
    const suggested = new Set(unknown.filter((o) => o.closest !== null).map((o) => comparableName(o.unit.name)));
    assert.ok(unknown.length >= typos.length - 10, `${unknown.length} unknown`);
    assert.ok(suggested.size > MAX_UNIT_SUGGESTIONS - 50 && suggested.size <= MAX_UNIT_SUGGESTIONS, `${suggested.size} suggested`);
    // the bound falls on the last names of the plan, not the first
    assert.ok(suggested.has(comparableName(typos[0])) && !suggested.has(comparableName(typos[typos.length - 1])));
  });
});
