import { ruleReads, type MembershipRule, type PreviewBucket, type RulePreview } from '../../domain/membership-rules/index.js';
import type { Line, NameSample, RulePreviewView, Tone } from '../../cards/card-view.js';

/** What a preview card is made from. */
export interface RulePreviewFacts {
  readonly title: string;
  readonly rule: MembershipRule;
  readonly preview: RulePreview;
  /** The group whose members the preview was compared with. */
  readonly groupName?: string;
  readonly license?: { readonly text: string; readonly tone: Tone };
  readonly notes?: readonly Line[];
}

const count = (n: number) => n.toLocaleString('en-US');
const milliseconds = (ms: number) => (ms < 10 ? ms.toFixed(1) : count(Math.round(ms)));
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const sample = (label: string, bucket: PreviewBucket): NameSample => ({
  label,
  names: bucket.first.map((s) => s.displayName),
  more: Math.max(0, bucket.count - bucket.first.length),
});

/** A preview in words: counts, the first names of each change (by display name), license impact, warnings. */
export function rulePreviewView(facts: RulePreviewFacts): RulePreviewView {
  const { preview, groupName } = facts;
  const samples: NameSample[] = groupName
    ? [...(preview.wouldAdd.count > 0 ? [sample('Would add', preview.wouldAdd)] : []), ...(preview.wouldRemove.count > 0 ? [sample('Would remove', preview.wouldRemove)] : [])]
    : preview.wouldAdd.count > 0 ? [sample('Matches', preview.wouldAdd)] : [];
  if (preview.undetermined.count > 0) samples.push(sample("Can't tell", preview.undetermined));
  const notes: Line[] = [
    ...(preview.cutShort ? [[`I stopped after ${milliseconds(preview.elapsedMs)} ms, having checked ${count(preview.cutShort.checked)} of ${count(preview.total)} users, so these counts cover only those. A rule with fewer or simpler conditions previews faster.`]] : []),
    ...(preview.undetermined.count > 0 ? [[`The rule can't decide for ${count(preview.undetermined.count)} ${preview.undetermined.count === 1 ? 'user' : 'users'}: a value it reads is missing. They're left as they are.`]] : []),
    ...(preview.notInDirectory > 0 ? [[`${count(preview.notInDirectory)} current ${preview.notInDirectory === 1 ? 'member is' : 'members are'} not users in the directory (devices or deleted accounts) and are left out.`]] : []),
    ...(ruleReads(facts.rule).usesNow ? [[`system.now stood for ${preview.evaluatedAt.slice(0, 16).replace('T', ' ')} UTC.`]] : []),
    ...(facts.notes ?? []),
  ];
  return {
    kind: 'rulePreview',
    title: facts.title,
    rule: facts.rule.text,
    summary: preview.cutShort
      ? `Matches ${count(preview.matched)} of the first ${count(preview.cutShort.checked)} of ${count(preview.total)} users · stopped after ${milliseconds(preview.elapsedMs)} ms`
      : `Matches ${count(preview.matched)} of ${count(preview.total)} users · checked in ${milliseconds(preview.elapsedMs)} ms`,
    ...(groupName
      ? { change: `For ${groupName}: would add ${count(preview.wouldAdd.count)} · would remove ${count(preview.wouldRemove.count)} · unchanged ${count(preview.unchanged)}` }
      : {}),
    samples,
    ...(facts.license ? { license: facts.license } : {}),
    notes,
    warnings: preview.warnings.map((w) => sentence(w.message)),
  };
}
