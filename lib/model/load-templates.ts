import { compareBy } from './compare';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LakehouseValidationError, sortProblems, type Problem } from './problems';
import { notCoveredBy, schemaProblems, shapePreserved, validateTableTemplateSchema } from './schema-check';
import templateSchema from './schemas/table-template.schema.json';
import type { LoadedTableTemplate, TableTemplate } from './table-template';
import { checkTemplateSemantics } from './validate-template';
import { YamlSource } from './yaml-source';
import { duplicateTableProblems } from './duplicate-tables';
import { locateProblems } from './locate';

/** The JSON Schema of a table template (draft 2020-12), for editors and other tools. */
export const TABLE_TEMPLATE_SCHEMA: object = templateSchema;

export interface TemplateParseResult {
  readonly template?: LoadedTableTemplate;
  readonly problems: Problem[];
}

/** Parses and validates one template file's text; never throws for bad input. */
export function parseTableTemplate(file: string, text: string): TemplateParseResult {
  const source = new YamlSource(file, text);
  if (source.syntaxProblems.length > 0) return { problems: source.syntaxProblems };
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    return {
      problems: [
        { file, line: 1, column: 1, field: '', message: 'a table template must be a YAML mapping (name, namespace, columns, ...)' },
      ],
    };
  }
  const fromSchema = schemaProblems(validateTableTemplateSchema, source.data);
  const template = source.data as TableTemplate;
  if (!shapePreserved(fromSchema)) return { problems: fromSchema.map((p) => source.locate(p)) };
  // Unknown keys or bad enum values leave the shape intact: report Iceberg's rules in the same run.
  const check = checkTemplateSemantics(template);
  const problems = [...fromSchema, ...notCoveredBy(fromSchema, check.problems)];
  if (problems.length > 0) return { problems: sortProblems(problems.map((p) => source.locate(p))) };
  return {
    problems: [],
    template: { ...template, file, parsedColumns: check.parsedColumns, formatVersion: check.formatVersion },
  };
}

/** YAML files in subfolders of `dir` (any depth), sorted: templates the loader does not read. */
export function nestedYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .flatMap((sub) => [...yamlFilesIn(join(dir, sub)), ...nestedYamlFiles(join(dir, sub))]);
}

/**
 * A template in a subfolder would be a table silently dropped: each is reported at its file,
 * saying to move it up (templates are one flat folder; their namespace is a field, not a folder).
 */
function nestedTemplateProblems(dir: string): Problem[] {
  return nestedYamlFiles(dir).map((file) => ({
    file,
    line: 0,
    column: 0,
    field: '',
    message: `templates in subfolders are not loaded; move it into ${dir} (the namespace comes from its namespace field, not from a folder)`,
  }));
}

/** YAML files of a folder, sorted, so results do not depend on the file system's order. */
export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

export interface TemplateFolderResult {
  readonly templates: LoadedTableTemplate[];
  readonly problems: Problem[];
}

/** Validates every template in a folder, collecting every problem in every file. */
export function checkTableTemplates(dir: string): TemplateFolderResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { templates: [], problems: [{ file: dir, line: 0, column: 0, field: '', message: 'templates folder does not exist' }] };
  }
  const files = yamlFilesIn(dir);
  const nested = nestedTemplateProblems(dir);
  if (files.length === 0) {
    return {
      templates: [],
      problems: [...nested, { file: dir, line: 0, column: 0, field: '', message: 'no table templates (*.yaml) in this folder' }],
    };
  }
  const problems: Problem[] = [...nested];
  const parsed: LoadedTableTemplate[] = [];
  for (const file of files) {
    const result = parseTableTemplate(file, readFileSync(file, 'utf8'));
    problems.push(...result.problems);
    if (result.template) parsed.push(result.template);
  }
  const duplicates = duplicateTableProblems(parsed);
  problems.push(...locateProblems(duplicates));
  const templates = parsed.filter((t) => !duplicates.some((d) => d.file === t.file));
  templates.sort(
    compareBy(
      (t) => t.namespace,
      (t) => t.name,
    ),
  );
  return { templates, problems: sortProblems(problems) };
}

/**
 * Loads and validates every `*.yaml` table template in `dir`.
 * @throws LakehouseValidationError listing every problem in every file (file, line, column, field, message)
 */
export function loadTableTemplates(dir: string): LoadedTableTemplate[] {
  const { templates, problems } = checkTableTemplates(dir);
  if (problems.length > 0) throw new LakehouseValidationError(problems);
  return templates;
}
