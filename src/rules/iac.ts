/**
 * The contract between the engine and an IaC rule family (CloudFormation, Ansible).
 * A family module is imported lazily, only when a file looks like it belongs to it, so the YAML parser is never
 * loaded for a commit without YAML.
 */
import type { Category, Position, RelatedLocation, Severity } from '../types.js';

export interface IacRuleMeta {
  id: string;
  title: string;
  severity: Severity;
  category: Exclude<Category, 'secret'>;
  /** CloudFormation resource types the rule applies to. */
  resources?: string[];
  /** Ansible modules the rule applies to (short names; FQCN forms are matched too). */
  modules?: string[];
  /** Markdown: what it does, why it is bad, an example, the fix, references. */
  docs: string;
  /** One-line fix shown in reports. */
  remediation: string;
  /** Who owns the rule's findings (team policies name their owners). */
  owners?: string[];
}

export interface IacFinding extends Position {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Stable logical location (e.g. `Resources.WebSG.Properties.SecurityGroupIngress[0].CidrIp`), for fingerprints. */
  path: string;
  /** 1-based first and last line of the enclosing resource or task: in diff modes a finding blocks only when this
   * overlaps the changed lines. */
  scope: [number, number];
  /** The flagged value is a secret: reports mask [column, endColumn) on `line`. */
  secret?: boolean;
  /** Suppressed by the family's own mechanism (resource Metadata, `# noqa`). */
  suppressed?: { by: 'metadata' | 'inline'; reason: string };
  /** Optional one-line explanation (e.g. "Default of parameter SshCidr"). */
  why?: string;
  /** Other places it concerns: the resource or task key of a property-level finding, the template line a parameter
   * file's value opens. */
  related?: RelatedLocation[];
}

export interface IacLintResult {
  /** False when the file is not of this family (the engine then tries nothing else). */
  matched: boolean;
  findings: IacFinding[];
  /** Problems with the file itself (malformed YAML…): reported, the scan goes on. */
  errors: Array<{ line?: number; message: string }>;
  /** Warnings that are not rule findings (e.g. a suppression without a reason) are reported as errors too. */
}

/** Rules added to a family's run (each family's own rule type: CfnRule, AnsibleRule). */
export interface ExtraRules {
  rules: readonly unknown[];
  /** Run these alone (no built-in rule). */
  only?: boolean;
}

export interface IacFamily {
  category: Exclude<Category, 'secret'>;
  rules: IacRuleMeta[];
  /**
   * Other repository files whose text the family needs to judge this one (an Ansible playbook's `vars_files`, a role's
   * defaults). The engine asks the scan's source for them (`EngineOptions.readRelated`) and passes what it could read.
   */
  related?(path: string, content: string): string[];
  /**
   * Folders whose files (those `keep` takes) are related too, when the file uses variables: an Ansible inventory's
   * group_vars and host_vars. The engine lists them through `EngineOptions.listRelated` (bounded).
   */
  relatedIn?: {
    dirs(path: string, content: string): string[];
    keep(path: string): boolean;
    /** Every file `keep` takes has one of these in its path: when the index surely holds none, git is not asked. */
    names?: string[];
  };
  /**
   * A changed template judged with its environments' parameter files (git modes, whose targets are only the changed
   * files): the folders to list, which listed files may be one, and the findings that appear only with a file's
   * values — at the parameter's line in that file, each with the template's lines that must have changed for it
   * to be this change's.
   */
  environments?: {
    wants(path: string, content: string): boolean;
    dirs(path: string): { dirs: string[]; names: string[] };
    keep(templatePath: string, p: string): boolean;
    lint(
      templatePath: string,
      content: string,
      params: ReadonlyArray<{ path: string; text: string; mapped: readonly string[] }>,
      /** Team policies to run with the built-in rules for one parameter file (their scope is that file's). */
      extraFor?: (paramPath: string) => ExtraRules | undefined,
    ): Array<{ file: string; text: string; finding: IacFinding; templateScope: [number, number] }>;
  };
  /**
   * `extra`: more rules of the family's own shape (team policies compiled by src/policies/run.ts) to run with the
   * built-in ones — or alone, with `only`, when a policy's examples are checked.
   */
  lint(
    path: string,
    content: string,
    related?: ReadonlyMap<string, string | undefined>,
    extra?: ExtraRules,
    opts?: {
      /** A parameter file for a one-off evaluation (`scan --parameters FILE`): its values replace the defaults. */
      parameters?: { path: string; text: string };
      /** The templates a parameter file deploys, as the config's `parameterFiles` maps it (read into `related`). */
      templates?: string[];
    },
  ): IacLintResult;
}
