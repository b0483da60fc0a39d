/**
 * Every property a CloudFormation fix sets or adds exists on each resource type its rule applies to, with the type the
 * fix writes, per the CloudFormation resource specification (src/cloud/spec.ts, from @aws-cdk/aws-service-spec).
 * A fix that wrote a misspelt or wrongly typed property would "fix" nothing (issue 27).
 */
import { describe, expect, it } from 'vitest';
import { resolvePath, type Shape } from '../../src/cloud/spec.js';
import { FIXES, type ParamSpec, type Value } from '../../src/fix/registry.js';
import { RULES } from '../../src/rules/cloudformation/index.js';
import { CMK_PROPS } from '../../src/cloud/checks/kms.js';

/**
 * Every path a value sets: `[key]` for a scalar, `[key, sub…]` for each leaf of a block (`key[]` for a list's items),
 * with the leaf's value. A `{ Ref: name }` is a parameter's value: a string, or what its Type and AllowedValues give
 * (CloudFormation turns the parameter's "true" into the boolean a property takes).
 */
function leaves(
  key: string[],
  value: Value,
  param?: ParamSpec,
): Array<{ path: string[]; value: Exclude<Value, object> }> {
  if (typeof value !== 'object') return [{ path: key, value }];
  if (Array.isArray(value)) {
    const list = [...key.slice(0, -1), `${key[key.length - 1]!}[]`];
    return value.flatMap((v) => leaves(list, v, param));
  }
  if (Object.keys(value).length === 1 && typeof value.Ref === 'string') {
    expect(param?.name, `the parameter of ${key.join('.')}`).toBe(value.Ref);
    // A list parameter gives the property a list of strings.
    if (param?.type === 'CommaDelimitedList')
      return [{ path: [...key.slice(0, -1), `${key[key.length - 1]!}[]`], value: 'a parameter' }];
    return [{ path: key, value: paramValue(param) }];
  }
  return Object.entries(value).flatMap(([k, v]) => leaves([...key, k], v, param));
}

/** The value a property receives from a new parameter. */
function paramValue(p: ParamSpec | undefined): Exclude<Value, object> {
  if (p?.type === 'Number') return 0;
  if (p?.allowedValues?.every((v) => v === 'true' || v === 'false')) return true;
  return 'a parameter';
}

/** Does a literal of this JavaScript type fit the shape? (CloudFormation also takes "true" and "5" as strings.) */
function fits(shape: Shape | undefined, value: Exclude<Value, object>): boolean {
  if (!shape) return true;
  if (shape.t === 'union') return shape.of.some((s) => fits(s, value));
  if (typeof value === 'boolean') return shape.t === 'boolean';
  if (typeof value === 'number') return shape.t === 'number';
  return shape.t === 'string';
}

/** The property each CloudFormation fix sets, and the value it writes (a !Ref of a new parameter: see paramValue). */
const cfnFixes = Object.entries(FIXES).flatMap(([id, spec]) => {
  const set: { key: string; value: Value; param?: ParamSpec | undefined } | undefined =
    spec.kind === 'cfn-set'
      ? { key: spec.key, value: spec.value, param: spec.param }
      : spec.kind === 'cfn-set-param'
        ? { key: spec.key, value: { Ref: spec.param.name }, param: spec.param }
        : undefined;
  if (spec.kind === 'cfn-kms-param')
    // The customer-key property of each resource type, nested where the type nests it.
    return Object.entries(CMK_PROPS).map(([kind, p]) => {
      const [key, ...rest] = p.path.split('.');
      const value: Value = rest.length ? { [rest.join('.')]: 'a parameter' } : 'a parameter';
      return { id, kind, spec: { key: key!, value } };
    });
  if (spec.kind === 'cfn-replace')
    // A value replaced where it is written: each place, as a path; and the block written where there is none.
    return Object.entries(spec.paths).flatMap(([kind, paths]) => [
      ...paths.map((p) => {
        const [key, ...rest] = p.split('.');
        const value: Value = rest.reduceRight<Value>((v, k) => ({ [k]: v }), spec.value);
        return { id, kind, spec: { key: key!, value } };
      }),
      ...(typeof spec.orSet === 'object' && (!spec.orSet.types || spec.orSet.types.includes(kind))
        ? [{ id, kind, spec: { key: spec.orSet.key, value: spec.orSet.value } }]
        : []),
    ]);
  if (spec.kind === 'cfn-set-in')
    // A key set in the nested block at each path.
    return Object.entries(spec.paths).flatMap(([kind, paths]) =>
      paths.map((p) => {
        // `''`: the resource's Properties.
        const [key, ...rest] = [...(p ? p.split('.') : []), spec.key];
        const value: Value = rest.reduceRight<Value>((v, k) => ({ [k]: v }), spec.value);
        return { id, kind, spec: { key: key, value, param: spec.param } };
      }),
    );
  if (spec.kind === 'cfn-set-refs') {
    // Each key set to a parameter, on each resource type of the rule.
    const types = RULES.find((r) => r.meta.id === id)?.meta.resources ?? [];
    return types.flatMap((kind) =>
      spec.refs.map((r) => ({ id, kind, spec: { key: r.key, value: { Ref: r.param.name }, param: r.param } })),
    );
  }
  if (spec.kind === 'cfn-cors-origin')
    // The list parameter where the origins are written.
    return [
      {
        id,
        kind: 'AWS::S3::Bucket',
        spec: {
          key: 'CorsConfiguration',
          value: { CorsRules: [{ AllowedOrigins: { Ref: spec.param.name } }] },
          param: spec.param,
        },
      },
    ];
  if (!set) return [];
  const rule = RULES.find((r) => r.meta.id === id);
  // A fix that differs per resource type is checked on each type it names, and covers each type of its rule.
  if (spec.kind === 'cfn-set' && spec.byType) {
    expect(Object.keys(spec.byType).sort(), id).toEqual([...(rule?.meta.resources ?? [])].sort());
    return Object.entries(spec.byType).map(([kind, s]) => ({ id, kind, spec: { ...s, param: spec.param } }));
  }
  // A value chosen by another property: each choice.
  if (spec.kind === 'cfn-set' && spec.byProp) {
    const choices = Object.values(spec.byProp.values);
    return (rule?.meta.resources ?? []).flatMap((kind) =>
      choices.map((value) => ({ id, kind, spec: { ...set, value } })),
    );
  }
  return (rule?.meta.resources ?? []).map((kind) => ({ id, kind, spec: set }));
});

/**
 * SAM resource types are not in the CloudFormation specification. The properties the fixes set on them are those SAM
 * documents as "passed directly to" the CloudFormation resource it generates (TracingEnabled, AccessLogSetting of
 * AWS::Serverless::Api to its AWS::ApiGateway::Stage; AccessLogSettings of AWS::Serverless::HttpApi to its
 * AWS::ApiGatewayV2::Stage): they are checked there.
 */
const SAM_PASSTHROUGH: Record<string, string> = {
  'AWS::Serverless::Api': 'AWS::ApiGateway::Stage',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Stage',
};

describe('CloudFormation fixes against the resource specification', () => {
  it('there are fixes to check, and each names rule resource types', () => {
    const ids = Object.entries(FIXES)
      .filter(([, s]) =>
        [
          'cfn-set',
          'cfn-set-param',
          'cfn-kms-param',
          'cfn-replace',
          'cfn-set-in',
          'cfn-set-refs',
          'cfn-cors-origin',
        ].includes(s.kind),
      )
      .map(([id]) => id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(cfnFixes.map((f) => f.id))).toEqual(new Set(ids));
  });

  it.each(cfnFixes)('$id on $kind: every property it sets exists, with the type it writes', ({ kind, spec }) => {
    for (const leaf of leaves(
      [spec.key],
      spec.value,
      'param' in spec ? (spec.param as ParamSpec | undefined) : undefined,
    )) {
      const r = resolvePath(SAM_PASSTHROUGH[kind] ?? kind, leaf.path);
      expect(r, `${kind} ${leaf.path.join('.')}`).toHaveProperty('shape');
      const shape = typeof r === 'object' && 'shape' in r ? r.shape : undefined;
      expect(fits(shape, leaf.value), `${kind} ${leaf.path.join('.')}: ${JSON.stringify(shape)}`).toBe(true);
    }
  });
});
