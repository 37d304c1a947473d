import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlanFile } from '../../server/src/service/model/parse';
import { measuresOf } from '../../server/src/service/model/walk';
import { BUILTIN_REGISTRY } from '../../server/src/service/workspace/units/registry';
import { isCollectiveName } from '../../server/src/service/workspace/units/names';

/**
 * Forms met in the holdout of unseen plans (test/realworld/research/holdout.md), each in our own
 * words: what the first measurement on them got wrong, and must not get wrong again.
 */

const service = createLanguageService({ language: 'zh-cn' });
const { settings } = service.readSettings(undefined);
let version = 0;
const findings = (text: string) => service.computeDiagnostics(TextDocument.create('file:///unseen.txt', 'fangan', ++version, text), settings);
const notesOf = (text: string) => measuresOf(parsePlanFile(text).plans[0]).map((m) => m.notes.map((n) => [n.role, n.units.map((u) => u.name)]));

describe('forms of unseen plans (the holdout)', () => {
  it('a task list under its covering notice, without a title: the level is the lead units\', not one 本省 of the notice', () => {
    const text = [
      '东川政办字〔2024〕3号',
      '各县区人民政府，市政府各部门：',
      '为落实本省关于推动产业升级的部署，经市政府同意，现将分工方案印发给你们，请认真贯彻执行。',
      '1. 推进传统产业技术改造。（牵头单位：市工业和信息化局；参与单位：市发展改革委）',
      '2. 培育一批创新型企业。（牵头单位：市科技局；参与单位：市财政局）',
      '3. 优化产业园区布局。（牵头单位：市发展改革委；参与单位：市自然资源和规划局）',
      '4. 加快数字化转型。（牵头单位：市工业和信息化局；参与单位：沿线各县区人民政府）',
    ].join('\n');
    const plan = parsePlanFile(text).plans[0];
    assert.equal(plan.level, 'city');
    assert.equal(plan.levelPrefix, '市');
    assert.deepEqual(findings(text).filter((d) => String(d.code).startsWith('lead-unit')).map((d) => d.message), []);
    // with a province's units as leads the same words make a province plan
    const province = text.replace(/市(工业和信息化局|科技局|发展改革委)/g, '省$1');
    assert.equal(parsePlanFile(province).plans[0].level, 'province');
  });

  it('a table header read as text (`牵头责任单位 |`) and a label alone on its line are not notes', () => {
    const text = '某县工作任务分解表\n序号 |\n目标与任务 |\n牵头责任单位 |\n责任单位 |\n牵头单位\n1.完成年度任务。\n牵头单位：县教育局';
    const file = parsePlanFile(text);
    assert.deepEqual(notesOf(text), [[['lead', ['县教育局']]]]);
    assert.equal(file.plans[0].strandedNotes.length, 0);
    assert.deepEqual(findings(text).filter((d) => String(d.code).startsWith('lead-unit')).map((d) => d.message), []);
  });

  it('a remark after the units of a note (`…按职责分工负责，以下各项均需…，不再一一列出`) is not read as units', () => {
    const head = '某州营商环境工作方案\n一、主要任务\n（一）提升政务服务\n';
    assert.deepEqual(notesOf(`${head}1.改造服务窗口。（责任单位：州政务服务中心，各县市人民政府按职责分工负责，以下各项均需各县市人民政府落实，不再一一列出）`), [
      [['responsible', ['州政务服务中心', '各县市人民政府']]],
    ]);
    // a support phrase after a duty is still read
    assert.deepEqual(notesOf(`${head}1.改造服务窗口。（州政务服务中心负责，州财政局配合）`), [[['responsible', ['州政务服务中心']], ['support', ['州财政局']]]]);
  });

  it('a title broken inside its 《》 over two lines (a PDF copy) is the title, and the wrapped preamble is not', () => {
    const text = [
      '松原区贯彻落实《关于加强新时代',
      '社区工作的意见》的任务分解方案',
      '为贯彻落实全市社区工作会议精神及关于加强新时代',
      '社区工作的意见，建设宜居、平安社区，结合本区',
      '实际，制定如下任务分解方案。',
      '一、加强基层党建',
      '1.完善社区议事机制。',
      '牵头单位：区委组织部',
    ].join('\n');
    const plan = parsePlanFile(text).plans[0];
    assert.equal(plan.title?.text, '松原区贯彻落实《关于加强新时代社区工作的意见》的任务分解方案');
    assert.equal(plan.level, 'county');
    // a breadcrumb before a title does not hide it
    const crumb = parsePlanFile('当前位置：首页 > 政务公开 > 政策文件 > 规范性文件\n清河县法治社会建设实施方案\n一、总体要求').plans[0];
    assert.equal(crumb.title?.text, '清河县法治社会建设实施方案');
  });

  it('`沿黄各县区人民政府` is a group; `区城市管理委` is another kind of body than 区城市管理局, not its typo', () => {
    assert.ok(isCollectiveName('沿黄各县区人民政府'));
    assert.ok(!isCollectiveName('县司法局'));
    const scope = { level: 'county' as const, prefix: '区', region: null };
    assert.notEqual(BUILTIN_REGISTRY.identify('区城市管理委', scope).status, 'unknown');
    assert.equal(BUILTIN_REGISTRY.identify('区司发局', scope).status, 'unknown', 'a typo in the words stays one');
  });

  it('second holdout: a bureau\'s 责任科室, a list closed by a bare 等, the items of a 基本原则 part, a title without a place', () => {
    const head = '某市卫生健康委2024年工作要点\n一、重点工作\n';
    assert.deepEqual(notesOf(`${head}1.完善院前急救网络。（责任科室：医政科、规划科）`), [[['responsible', ['医政科', '规划科']]]]);
    assert.deepEqual(notesOf(`${head}1.整治河道。（责任单位：县水利局、县生态环境局等，各乡镇配合）`), [[['responsible', ['县水利局', '县生态环境局']], ['support', ['各乡镇']]]]);
    // principles under their own part need no lead; the tasks of a 主要目标任务 part do
    const principles = '某县水利发展实施方案\n一、总体要求\n二、基本原则\n1.坚持节水优先。\n2.坚持系统治理。\n三、主要任务\n1.建设灌区工程。\n牵头单位：县水利局';
    assert.deepEqual(findings(principles).filter((d) => d.code === 'lead-unit-missing').map((d) => d.range.start.line), []);
    const targets = '某县水利发展实施方案\n一、主要目标任务\n1.建设灌区工程。\n2.整治小型水库。\n牵头单位：县水利局';
    assert.deepEqual(findings(targets).filter((d) => d.code === 'lead-unit-missing').map((d) => d.range.start.line), [2]);
    // a title that names no place: the lead units give the level
    const noPlace = '2024年《政府工作报告》重点任务分解\n1.推进老旧小区改造。（牵头单位：县住建局）\n2.新建公办幼儿园。（牵头单位：县教育局）\n3.完善养老服务。（牵头单位：县民政局）';
    assert.equal(parsePlanFile(noPlace).plans[0].level, 'county');
  });
});
