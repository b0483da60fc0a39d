/**
 * Value checks as data: "this property must be true", "must not be one of these values", "must be set". Each
 * factory returns a single-code CloudCheck; a rule reports it with `cloudCheck(check, [check.name])`.
 * Unknown values are never insecure; a missing property is reported only where the service's default is insecure.
 */
import type { Severity } from '../../types.js';
import type { CloudCheck, CloudResource, CValue, Emit } from '../model.js';
import { asBool, asStr, get, isKnown, present, scalars, type Scalar } from '../values.js';

export interface PropSpec {
  /** Finding code, also the check's name. */
  code: string;
  kinds: readonly string[];
  description: string;
  /** Dotted property path in the kind's vocabulary. */
  path: string;
  /** Skip resources for which this returns false. */
  when?: (r: CloudResource) => boolean;
  /** A known value that is insecure. */
  bad: (s: Scalar, r: CloudResource) => boolean;
  message: (r: CloudResource, s: Scalar) => string;
  /** Report a missing property too (the service's default is insecure), with this message. */
  absent?: (r: CloudResource) => string;
  /** Severity for this context, when it differs from the rule's. */
  severity?: (r: CloudResource, s: Scalar | undefined) => Severity | undefined;
}

/** The deepest value that exists along `path` (to point at the closest thing when a property is missing). */
export function nearest(r: CloudResource, path: string): CValue | undefined {
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const v = get(r.props, parts.slice(0, i).join('.'));
    if (v !== undefined) return v;
  }
  return undefined;
}

export function propCheck(spec: PropSpec): CloudCheck {
  return {
    name: spec.code,
    kinds: spec.kinds,
    codes: { [spec.code]: spec.description },
    run(r: CloudResource, emit: Emit) {
      if (spec.when && !spec.when(r)) return;
      const v = get(r.props, spec.path);
      if (v === undefined || !present(v)) {
        if (spec.absent && !r.partial)
          emit({
            code: spec.code,
            resource: r,
            at: v ?? nearest(r, spec.path),
            message: spec.absent(r),
            severity: spec.severity?.(r, undefined),
          });
        return;
      }
      const hit = scalars(v).find((s) => isKnown(s) && spec.bad(s, r));
      if (hit)
        emit({
          code: spec.code,
          resource: r,
          at: hit.at,
          message: spec.message(r, hit),
          why: hit.why,
          severity: spec.severity?.(r, hit),
          detail: String(hit.value),
        });
    },
  };
}

export const isFalse = (s: Scalar): boolean => asBool(s.value) === false;
export const isTrue = (s: Scalar): boolean => asBool(s.value) === true;
export const equalsAny =
  (...values: string[]) =>
  (s: Scalar): boolean =>
    values.some((v) => (asStr(s) ?? '').toLowerCase() === v.toLowerCase());

type Common = Omit<PropSpec, 'bad' | 'message' | 'absent'>;

/** The property must be true (absent counts as false unless `absentOk`). */
export function requireTrue(
  spec: Common & { absentMessage?: (r: CloudResource) => string; falseMessage: (r: CloudResource) => string },
): CloudCheck {
  return propCheck({
    ...spec,
    bad: isFalse,
    message: (r) => spec.falseMessage(r),
    ...(spec.absentMessage ? { absent: spec.absentMessage } : {}),
  });
}

/** The property must not be true (absent is fine unless `absentMessage`: the default is true). */
export function forbidTrue(
  spec: Common & { absentMessage?: (r: CloudResource) => string; trueMessage: (r: CloudResource) => string },
): CloudCheck {
  return propCheck({
    ...spec,
    bad: isTrue,
    message: (r) => spec.trueMessage(r),
    ...(spec.absentMessage ? { absent: spec.absentMessage } : {}),
  });
}

/** The property must be set to something (any value, even unknown, passes). */
export function requireSet(spec: Omit<Common, 'path'> & { path: string; message: (r: CloudResource) => string }) {
  return propCheck({ ...spec, bad: () => false, message: spec.message, absent: spec.message });
}

/** The first option of a string property, lower-cased (for `when` conditions). */
export function strProp(r: CloudResource, path: string): string | undefined {
  const s = scalars(get(r.props, path)).find(isKnown);
  return s ? asStr(s)?.toLowerCase() : undefined;
}
