/**
 * Is a run of letters made of words? A random token drawn from letters alone (`jjvhyfhydvamfvnomync`) has no digit
 * to tell it from a name, so the generic rule took every such value for a word (issue 31). Two measures of English
 * letter structure tell them apart: the share of the value's letter pairs that are among the 200 most frequent
 * English bigrams (identifiers made of words: 0.5 and more; random letters: about 0.3), and the longest run of
 * consonants (words: at most five, `lightsteelblue`; random letters often six and more). Measured on the lower-case
 * identifiers of 12+ letters in Python's standard library and this repository's node_modules (1,986 names: 0.7%
 * read as random, mostly rot13 text and run-together acronyms) against random lower-case strings (82% of 12 letters
 * and 98% of 40 read as random).
 */
const COMMON_BIGRAMS = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me ' +
    'de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot ' +
    'il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai ' +
    'sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av ag ' +
    'if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo cr cl du ga qu ue ff ba ' +
    'ey ls va um pp ua up lu go ht ru ug ds lt pi rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki ' +
    'rk ys '
  ).split(' '),
);

/** True when `letters` (lower-case a-z) reads as words, false when it reads as random letters. */
export function wordLike(letters: string): boolean {
  const w = letters.toLowerCase();
  if (w.length < 2) return true;
  let common = 0;
  for (let i = 0; i + 1 < w.length; i++) if (COMMON_BIGRAMS.has(w.slice(i, i + 2))) common++;
  if (common / (w.length - 1) < 0.4) return false;
  let run = 0;
  for (const c of w) {
    run = 'aeiouy'.includes(c) ? 0 : run + 1;
    if (run >= 6) return false;
  }
  return true;
}
