import type { ServerSession } from './session';
import {
  COVERAGE_REQUEST,
  INSERT_SOURCE_MEASURE_REQUEST,
  SET_SOURCE_REQUEST,
  SOURCES_REQUEST,
  type CoverageAnswer,
  type InsertSourceMeasureAnswer,
  type SetSourceAnswer,
  type SourcesAnswer,
} from '../protocol';

/**
 * The plan above (上级方案) in the editor: the coverage view's data and its insert action, and the
 * choice of the plan above. Each request is answered from the service for the open document (its
 * named source files read first); malformed parameters get the empty answer, a failure is logged.
 */
export function registerPlanAbove(session: ServerSession): void {
  const { connection } = session;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
  const notChecked = () => session.say({ zh: '方案助手未检查此文件', en: 'Fangan does not check this file' });

  /** The open document Fangan works on, with its settings and its source files read. */
  const prepared = async (uri: unknown) => {
    if (typeof uri !== 'string') return undefined;
    const active = await session.activeDocument(uri);
    if (active) await session.service.prepareSources(active.document, active.settings);
    return active;
  };

  /** fangan/coverage {uri} → every plan's sources, measure by measure. */
  connection.onRequest(COVERAGE_REQUEST, async (params: unknown): Promise<CoverageAnswer> => {
    const uri = isObject(params) && typeof params.uri === 'string' ? params.uri : '';
    try {
      const active = await prepared(uri);
      if (!active) return { uri, version: null, plans: [] };
      return session.service.getCoverage(active.document, active.settings);
    } catch (error) {
      session.logFailure('coverage', error);
      return { uri, version: null, plans: [] };
    }
  });

  /** fangan/insertSourceMeasure {uri, version?, plan, line} → the versioned edit, or why there is none. */
  connection.onRequest(INSERT_SOURCE_MEASURE_REQUEST, async (params: unknown): Promise<InsertSourceMeasureAnswer> => {
    try {
      if (!isObject(params) || typeof params.plan !== 'string' || !isLine(params.line)) return { edit: null, problem: null };
      const active = await prepared(params.uri);
      if (!active) return { edit: null, problem: notChecked() };
      if (typeof params.version === 'number' && params.version !== active.document.version) {
        return { edit: null, problem: session.say({ zh: '文档已修改，请刷新覆盖情况后再插入', en: 'the document changed; refresh the coverage view and insert again' }) };
      }
      const edits = session.service.insertSourceMeasure(active.document, active.settings, { path: params.plan, line: params.line });
      if (!edits) return { edit: null, problem: session.say({ zh: '这项措施已有对应措施，或无法确定插入位置', en: 'this measure has a counterpart now, or there is no place to insert it' }) };
      return { edit: { documentChanges: [{ textDocument: { uri: active.document.uri, version: active.document.version }, edits }] }, problem: null };
    } catch (error) {
      session.logFailure('insertSourceMeasure', error);
      return { edit: null, problem: null };
    }
  });

  /** fangan/sources {uri, line?} → the corpus plans to choose from, and the plan's sources now. */
  connection.onRequest(SOURCES_REQUEST, async (params: unknown): Promise<SourcesAnswer> => {
    try {
      const active = await prepared(isObject(params) ? params.uri : undefined);
      if (!active) return { plans: [], current: [] };
      const line = isObject(params) && isLine(params.line) ? params.line : 0;
      return session.service.getSourceChoices(active.document, line, active.settings);
    } catch (error) {
      session.logFailure('sources', error);
      return { plans: [], current: [] };
    }
  });

  /** fangan/setSource {uri, line, title} → {edit} writing the plan's source directive, or {problem}. */
  connection.onRequest(SET_SOURCE_REQUEST, async (params: unknown): Promise<SetSourceAnswer> => {
    try {
      if (!isObject(params) || typeof params.title !== 'string') return { edit: null, problem: null };
      const active = await prepared(params.uri);
      if (!active) return { edit: null, problem: notChecked() };
      const result = session.service.switchSource(active.document, isLine(params.line) ? params.line : 0, params.title, active.settings);
      if ('problem' in result) return { edit: null, problem: session.say(result.problem) };
      if (result.edits.length === 0) return { edit: null, problem: null };
      return { edit: { documentChanges: [{ textDocument: { uri: active.document.uri, version: active.document.version }, edits: result.edits }] }, problem: null };
    } catch (error) {
      session.logFailure('setSource', error);
      return { edit: null, problem: null };
    }
  });
}
