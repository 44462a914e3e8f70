// Runs every dev case against a server and computes the figures the issue asks for.
import { inBatches, loadPhrases, loadVignettes, median, runPhrase, runVignette, type PhraseResult, type VignetteResult } from './dev-cases.js';

export interface Figures {
  phrases: PhraseResult[];
  vignettes: VignetteResult[];
  emergencyRecall: number;
  urgentRecall: number;
  noneKept: number;
  vignettesExact: number;
  underTriaged: string[];
  medianTurns: number;
}


const share = (rs: PhraseResult[], expect: PhraseResult['expect']): number => {
  const of = rs.filter((r) => r.expect === expect);
  return of.length ? of.filter((r) => r.ok).length / of.length : 1;
};

export async function evaluateDevCases(url: string): Promise<Figures> {
  const phrases = await inBatches(loadPhrases(), 8, (p) => runPhrase(url, p));
  const vignettes = await inBatches(loadVignettes(), 6, (v) => runVignette(url, v));
  return {
    phrases, vignettes,
    emergencyRecall: share(phrases, 'emergency'),
    urgentRecall: share(phrases, 'urgent'),
    noneKept: share(phrases, 'none'),
    vignettesExact: vignettes.filter((v) => v.exact).length,
    underTriaged: vignettes.filter((v) => v.underTriaged).map((v) => v.id),
    medianTurns: median(vignettes.map((v) => v.turns)),
  };
}

export function report(f: Figures): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `emergency recall: ${pct(f.emergencyRecall)} (${f.phrases.filter((p) => p.expect === 'emergency' && p.ok).length}/${f.phrases.filter((p) => p.expect === 'emergency').length})`,
    `urgent recall: ${pct(f.urgentRecall)} (${f.phrases.filter((p) => p.expect === 'urgent' && p.ok).length}/${f.phrases.filter((p) => p.expect === 'urgent').length})`,
    `no-red-flag phrases kept at soon or below: ${pct(f.noneKept)} (${f.phrases.filter((p) => p.expect === 'none' && p.ok).length}/${f.phrases.filter((p) => p.expect === 'none').length})`,
    `vignettes exactly right: ${f.vignettesExact}/${f.vignettes.length}; under-triaged: ${f.underTriaged.length ? f.underTriaged.join(', ') : 'none'}`,
    `median turns per vignette: ${f.medianTurns}`,
  ];
  for (const p of f.phrases.filter((x) => !x.ok)) lines.push(`  phrase ${p.id} (${p.expect}) got ${p.got}: ${p.detail}`);
  for (const v of f.vignettes.filter((x) => !x.exact)) lines.push(`  vignette ${v.id} expected ${v.expect} got ${v.got}; missing findings: ${v.missing.join(', ') || 'none'}`);
  return lines.join('\n');
}
