import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES } from '../service/checks';
import { pick, type Locale } from '../service/l10n';
import { severityName } from './severity';

/** SARIF 2.1.0 for code-scanning tools; columns are UTF-16 code units, as in LSP. */
export function toSarif(
  files: ReadonlyArray<{ file: string; diagnostics: readonly Diagnostic[] }>,
  version: string,
  locale: Locale,
) {
  const used = new Set<string>();
  for (const f of files) for (const d of f.diagnostics) used.add(String(d.code));
  const rules = [...used].sort().map((id) => {
    const meta = RULES.get(id);
    return meta ? { id, shortDescription: { text: pick(locale, meta.title) } } : { id };
  });
  const level = (d: Diagnostic) => {
    const s = severityName(d.severity);
    return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'fangan', version, informationUri: 'https://github.com/fangan/fangan', rules } },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: String(d.code),
            level: level(d),
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(f.file.replace(/\\/g, '/')) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
