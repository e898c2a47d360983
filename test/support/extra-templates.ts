import { parseTableTemplate } from '../../lib/model/load-templates';
import type { LoadedTableTemplate } from '../../lib/model/table-template';
import { show, templateYaml } from '../model/helpers';

/** A valid template named `name` in namespace `sales`. */
export function template(name: string, columns: readonly string[], extra = ''): LoadedTableTemplate {
  const result = parseTableTemplate(`${name}.yaml`, templateYaml(columns, extra).replace(/^name: orders$/m, `name: ${name}`));
  if (!result.template) throw new Error(result.problems.map(show).join('\n'));
  return result.template;
}

/** Templates beyond the shipped ones: every transform, nested types, decimal and fixed, v3 types. */
export function extraTemplates(): LoadedTableTemplate[] {
  return [
    template(
      'nested_all_transforms',
      [
        '{ name: id, type: long, required: true }',
        '{ name: ts, type: timestamptz, required: true }',
        '{ name: name, type: string }',
        '{ name: amount, type: "decimal(38,10)" }',
        '{ name: code, type: "fixed[16]" }',
        '{ name: flag, type: boolean }',
        '{ name: payload, type: "struct<country:string,tags:list<string>,attrs:map<string,struct<a:int,b:double>>>" }',
        '{ name: items, type: "list<struct<sku:string,qty:int>>" }',
        '{ name: scores, type: "map<string,list<float>>" }',
      ],
      [
        'partition_spec:',
        '  - { column: ts, transform: hour }',
        '  - { column: id, transform: "bucket[16]" }',
        '  - { column: name, transform: "truncate[4]" }',
        '  - { column: payload.country, transform: identity, name: country }',
        '  - { column: flag, transform: void }',
        'sort_order:',
        '  - { column: ts, direction: desc }',
        '  - { column: id, transform: "bucket[8]", null_order: nulls_last }',
        '  - { column: amount, direction: asc, null_order: nulls_first }',
      ].join('\n'),
    ),
    template(
      'v3_types',
      [
        '{ name: d, type: date, required: true }',
        '{ name: t, type: timestamp }',
        '{ name: tn, type: timestamp_ns }',
        '{ name: tzn, type: timestamptz_ns }',
        '{ name: v, type: variant }',
        '{ name: u, type: unknown }',
        '{ name: id, type: uuid }',
        '{ name: bin, type: binary }',
        '{ name: tm, type: time }',
      ],
      [
        'partition_spec:',
        '  - { column: d, transform: year }',
        '  - { column: t, transform: month }',
        '  - { column: tn, transform: day }',
        'properties:',
        '  format-version: 3',
      ].join('\n'),
    ),
    template('unpartitioned_unsorted', ['{ name: only, type: int }']),
  ];
}
