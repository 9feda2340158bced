// Orders notes the way php.net orders its manual's user notes (php/web-php, src/UserNotes/
// Sorter.php at 06837a7): a note's priority mixes its net votes, the share of its votes that are
// up, and its age, each normalised across the notes on the same page:
//   votes  (net - minNet) scaled into 0.3..1, weight 38
//   ratio  up / (up + down), or 0.5 until a note has more than two votes, weight 60
//   age    0..1 from the oldest to the newest note, weight 2
// Our own code, same weights: the ratio dominates, net votes break ties between well-liked
// notes, and age only orders notes nobody has voted on (newest first).

export type Scored = { up: number; down: number; createdAt: number };

const VOTE_WEIGHT = 38;
const RATING_WEIGHT = 60;
const AGE_WEIGHT = 2;

function rating({ up, down }: Scored): number {
  return up + down <= 2 ? 0.5 : up / (up + down);
}

export function sortByScore<T extends Scored>(notes: readonly T[]): T[] {
  if (notes.length === 0) return [];
  const nets = notes.map((n) => n.up - n.down);
  const ages = notes.map((n) => n.createdAt);
  const minNet = Math.min(...nets);
  const maxNet = Math.max(...nets);
  const minAge = Math.min(...ages);
  const maxAge = Math.max(...ages);
  const voteFactor = maxNet - minNet ? 0.7 / (maxNet - minNet) : 0.5;
  const ageFactor = (maxAge - minAge ? 1 / (maxAge - minAge) : 0.5) * AGE_WEIGHT;
  const priority = (n: T) => ((n.up - n.down - minNet) * voteFactor + 0.3) * VOTE_WEIGHT + rating(n) * RATING_WEIGHT + (n.createdAt - minAge) * ageFactor;
  return notes
    .map((note) => ({ note, p: priority(note) }))
    .sort((a, b) => b.p - a.p || b.note.createdAt - a.note.createdAt)
    .map(({ note }) => note);
}

/**
 * Faded: readers have clearly said no. Three votes or more, at most a third of them up, or a net
 * of -3 or lower. Faded notes stay readable (and can be voted back up).
 */
export function isFaded({ up, down }: Scored): boolean {
  return (up + down >= 3 && up / (up + down) <= 1 / 3) || up - down <= -3;
}
